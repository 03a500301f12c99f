/** The part of docker-modem's redirect-following http wrapper Strata sets; the package ships no types for it. */
declare module 'docker-modem/lib/http.js' {
  const modemHttp: { maxRedirects: number }
  export default modemHttp
}
