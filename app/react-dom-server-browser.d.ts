// React 18 ships `react-dom/server.browser` (the Web Streams server renderer, used on the server
// by app/utils/html-stream.server.ts); @types/react-dom types it only as `react-dom/server`.
declare module "react-dom/server.browser" {
  export { renderToReadableStream, renderToStaticMarkup, renderToString, version } from "react-dom/server";
}
