// The part of autocannon's API the journey benchmark uses.
declare module 'autocannon' {
  interface Histogram {
    p50: number
    p97_5?: number
    p99: number
    average: number
  }
  interface Result {
    latency: Histogram
    requests: Histogram
    errors: number
    timeouts: number
    non2xx: number
    statusCodeStats?: Record<string, { count: number }>
  }
  function autocannon(options: {
    url: string
    connections: number
    duration: number
    timeout?: number
    method?: 'GET' | 'POST'
    headers?: Record<string, string>
    body?: string
    requests?: Array<{ setupRequest?: (request: { path: string }) => { path: string } }>
  }): Promise<Result>
  export default autocannon
}
