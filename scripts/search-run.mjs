// Run a built site's own search worker under Node, exactly as the browser runs it:
// the worker file the site's pages name (__config.search), the index the site ships
// (search/search_index.json, or search_index.js in the offline build), the same
// messages (SETUP, then one QUERY per query). Reads a JSON list of queries on stdin,
// writes one list per query: the pages of the result, in the order Material shows them.
//   node scripts/search-run.mjs SITE_DIR < queries.json
import fs from "node:fs"
import path from "node:path"
import vm from "node:vm"

const site = path.resolve(process.argv[2] || "site")
const home = fs.readFileSync(path.join(site, "index.html"), "utf8")
const config = JSON.parse(home.match(/<script id="__config" type="application\/json">(.*?)<\/script>/s)[1])
const workerFile = path.resolve(site, config.search)

// The offline build inlines the index into search_index.js, and its pages use that one.
function loadIndex() {
  const script = path.join(site, "search", "search_index.js")
  if (fs.existsSync(script)) {
    const context = {}
    vm.runInNewContext(fs.readFileSync(script, "utf8"), context)
    return context.__index
  }
  return JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"))
}

// The worker's global scope: importScripts resolves against the worker's own URL.
let reply
globalThis.self = globalThis
globalThis.postMessage = (message) => reply(message)
globalThis.importScripts = (...urls) => {
  for (const url of urls)
    vm.runInThisContext(fs.readFileSync(path.resolve(path.dirname(workerFile), url), "utf8"), { filename: url })
}
let handler
globalThis.addEventListener = (type, fn) => { if (type === "message") handler = fn }
vm.runInThisContext(fs.readFileSync(workerFile, "utf8"), { filename: workerFile })

function send(message) {
  return new Promise((resolve) => { reply = resolve; handler({ data: message }) })
}

const queries = JSON.parse(fs.readFileSync(0, "utf8"))
const index = loadIndex()
await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } })
const out = []
for (const query of queries) {
  const result = await send({ type: 2, data: query })
  out.push(result.data.items.map((group) => {
    const article = group.find((item) => !item.location.includes("#")) || group[0]
    return { page: article.location.split("#")[0], title: article.title, text: article.text || "" }
  }))
}
process.stdout.write(JSON.stringify(out))
