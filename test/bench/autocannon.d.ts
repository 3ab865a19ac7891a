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
  }
  function autocannon(options: {
    url: string
    connections: number
    duration: number
    timeout?: number
  }): Promise<Result>
  export default autocannon
}
