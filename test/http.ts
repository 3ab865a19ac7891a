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
