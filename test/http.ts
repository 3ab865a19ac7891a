import http from 'node:http'
/** A minimal browser stand-in for HTTP tests: keeps cookies, never follows redirects. */
export class TestBrowser {
  private cookies = new Map<string, string>()
  constructor(readonly baseUrl: string) {}

  setCookie(pair: string) {
    const [name, ...value] = pair.split('=')
    this.cookies.set(name!, value.join('='))
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size) headers.set('Cookie', this.cookieHeader())
    const response = await fetch(new URL(path, this.baseUrl), {
      ...init,
      headers,
      redirect: 'manual',
    })
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = setCookie.split(';')
      const [name, ...value] = pair!.trim().split('=')
      if (attributes.some((attribute) => /max-age=0/i.test(attribute.trim())))
        this.cookies.delete(name!)
      else this.cookies.set(name!, value.join('='))
    }
    return response
  }

  get(path: string) {
    return this.request(path)
  }

  post(path: string, fields: Record<string, string>) {
    return this.request(path, { method: 'POST', body: new URLSearchParams(fields) })
  }
}

/**
 * One request with exactly the headers given, Host included (fetch sets Host itself and drops
 * a forged one): for tests of what the server does with Host and X-Forwarded-* headers.
 */
export function rawRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(path, baseUrl)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? 'GET',
        headers: {
          ...(options.body !== undefined
            ? {
                'Content-Type': 'application/x-www-form-urlencoded',
                'Content-Length': String(Buffer.byteLength(options.body)),
              }
            : {}),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}
