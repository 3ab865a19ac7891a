import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for the Meilisearch HTTP API, for tests that check what the adapter sends and
 * how it reads answers when no real server is configured. It stores documents (so count and
 * allIds work), answers every write with a task, and lets a test fail the next task or script
 * the multi-search answer. It does not search: ranking and matching are only checked by the
 * contract suite against a real Meilisearch (MEILI_HOST).
 */
export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
}

interface TaskRecord {
  uid: number
  indexUid: string | null
  type: string
  status: 'succeeded' | 'failed'
  error: { message: string; code: string; type: string; link: string } | null
}

export interface MeilisearchMock {
  url: string
  requests: RecordedRequest[]
  documents: Map<string, Record<string, unknown>>
  /** The next task ends in "failed" with this error code. */
  failNextTask(code: string): void
  /** TCP connections accepted so far (to check that the adapter keeps them alive). */
  connections(): number
  /** Answers POST /multi-search; the default finds nothing. */
  onMultiSearch(answer: (queries: Array<Record<string, unknown>>) => unknown[]): void
  close(): Promise<void>
}

export async function startMeilisearchMock(): Promise<MeilisearchMock> {
  const requests: RecordedRequest[] = []
  const documents = new Map<string, Record<string, unknown>>()
  const tasks = new Map<number, TaskRecord>()
  let nextFailure: string | undefined
  let multiSearch = (queries: Array<Record<string, unknown>>): unknown[] =>
    queries.map((query) => ({
      indexUid: query.indexUid,
      hits: [],
      query: query.q ?? '',
      processingTimeMs: 0,
      hitsPerPage: query.hitsPerPage ?? 20,
      page: query.page ?? 1,
      totalPages: 0,
      totalHits: 0,
      facetDistribution: {},
    }))

  function enqueue(indexUid: string | null, type: string, apply: () => void) {
    const uid = tasks.size
    const code = nextFailure
    nextFailure = undefined
    if (!code) apply()
    tasks.set(uid, {
      uid,
      indexUid,
      type,
      status: code ? 'failed' : 'succeeded',
      error: code
        ? { message: `mock failure ${code}`, code, type: 'invalid_request', link: '' }
        : null,
    })
    return {
      status: 202,
      body: {
        taskUid: uid,
        indexUid,
        status: 'enqueued',
        type,
        enqueuedAt: new Date().toISOString(),
      },
    }
  }

  function route(method: string, path: string, query: URLSearchParams, body: any) {
    let match: RegExpExecArray | null
    if (method === 'GET' && path === '/health')
      return { status: 200, body: { status: 'available' } }
    if ((match = /^\/tasks\/(\d+)$/.exec(path)) && method === 'GET') {
      const task = tasks.get(Number(match[1]))
      if (!task) return { status: 404, body: { code: 'task_not_found', message: 'no task' } }
      const now = new Date().toISOString()
      return {
        status: 200,
        body: {
          ...task,
          batchUid: 0,
          canceledBy: null,
          duration: 'PT0S',
          enqueuedAt: now,
          startedAt: now,
          finishedAt: now,
        },
      }
    }
    if (method === 'POST' && path === '/indexes')
      return enqueue(body.uid, 'indexCreation', () => {})
    if (method === 'POST' && path === '/multi-search') {
      return { status: 200, body: { results: multiSearch(body.queries) } }
    }
    if (!(match = /^\/indexes\/([^/]+)(\/.*)?$/.exec(path))) {
      return { status: 404, body: { code: 'not_found', message: path } }
    }
    const [, indexUid, rest = ''] = match
    if (method === 'PATCH' && rest === '/settings') {
      return enqueue(indexUid!, 'settingsUpdate', () => {})
    }
    if (method === 'POST' && rest === '/documents') {
      return enqueue(indexUid!, 'documentAdditionOrUpdate', () => {
        for (const document of body) documents.set(String(document.id), document)
      })
    }
    if (method === 'POST' && rest === '/documents/delete-batch') {
      return enqueue(indexUid!, 'documentDeletion', () => {
        for (const id of body) documents.delete(String(id))
      })
    }
    if (method === 'DELETE' && rest === '/documents') {
      return enqueue(indexUid!, 'documentDeletion', () => documents.clear())
    }
    if (method === 'GET' && rest === '/stats') {
      return { status: 200, body: { numberOfDocuments: documents.size, isIndexing: false } }
    }
    if (method === 'GET' && rest === '/documents') {
      const fields = query.get('fields')?.split(',')
      const offset = Number(query.get('offset') ?? 0)
      const limit = Number(query.get('limit') ?? 20)
      const ids = query.get('ids')?.split(',')
      const listed = ids
        ? ids.flatMap((id) => {
            const document = documents.get(id)
            return document ? [document] : []
          })
        : [...documents.values()]
      const results = listed
        .slice(offset, offset + limit)
        .map((document) =>
          fields ? Object.fromEntries(fields.map((field) => [field, document[field]])) : document,
        )
      return { status: 200, body: { results, offset, limit, total: documents.size } }
    }
    return { status: 404, body: { code: 'not_found', message: `${method} ${path}` } }
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://mock')
      const text = Buffer.concat(chunks).toString('utf8')
      const body = text ? JSON.parse(text) : undefined
      requests.push({
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body,
      })
      const answer = route(request.method ?? 'GET', url.pathname, url.searchParams, body)
      response.writeHead(answer.status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(answer.body))
    })
  })
  let connections = 0
  server.on('connection', () => connections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    documents,
    connections: () => connections,
    failNextTask(code) {
      nextFailure = code
    },
    onMultiSearch(answer) {
      multiSearch = answer
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
