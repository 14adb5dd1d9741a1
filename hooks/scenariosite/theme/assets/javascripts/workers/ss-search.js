/* Search worker for Material's search box (the theme names it in __config.search).
 *
 * It speaks Material's worker protocol (SETUP with the site's search index, then QUERY
 * -> RESULT), so Material's own UI shows the results, but it ranks for what people
 * type: whole sentences, plurals, their own words and typos (issue 12).
 *
 * - Pages, not sections, are ranked: every section of a page feeds one page.
 * - Words are reduced to their stem with the Snowball stemmer of the site's language
 *   that Material ships (assets/javascripts/lunr/min/lunr.LANG.min.js), the same way
 *   for the index and the query; accents are folded.
 * - Stop words never count alone, but a run of the query's words ("weet niet wat hij
 *   wil") that a title, summary or keyword holds as well lifts that page.
 * - A word the site does not know is matched to known words one or two typos away;
 *   the last word also matches as a prefix, while typing.
 * - A common word ("customer" in a customer course) weighs little (inverse document
 *   frequency); a page holding all the words beats one holding the most of one.
 * - The result shows the page's summary under its title; sections fold away.
 *
 * Plain ES2017, no build step, loaded only when someone searches. Works as a Web
 * Worker and inside Material's iframe shim (file://, where importScripts is async). */

"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

/* Field weights: where a word stands says how much the page is about it. */
const FIELDS = { title: 3, keywords: 3, summary: 2, headings: 1.5, text: 1 }
const SATURATION = 1.2          /* BM25's k1: the tenth mention adds little */
const PHRASE = 0.6              /* per pair of adjacent query words found together */
const PREFIX = 0.7, FUZZY = 0.6 /* a prefix or a typo counts less than the word */

let engine = null

/* ---------------------------------------------------------------------------
 * Language: stemmer and stop words from Material's lunr-languages files
 * ------------------------------------------------------------------------ */

let stemmer = (word) => word
let stopWords = new Set()

/* lunr-languages attach themselves to a global `lunr`; these few members are all
 * they use, so the full lunr library is not needed. */
function lunrShim() {
  return {
    Pipeline: { registerFunction() {} },
    generateStopWordFilter(words) {
      stopWords = new Set(words.filter(Boolean))
      return (token) => (stopWords.has(token) ? undefined : token)
    }
  }
}

async function setupLanguage(lang) {
  if (lang === "en") {
    stemmer = englishStem
    stopWords = new Set(ENGLISH_STOP_WORDS)
    return
  }
  let base = "../lunr"
  /* Inside the iframe shim, scripts resolve against the page: use this script's URL. */
  if (typeof document !== "undefined") {
    const script = document.querySelector("script[src]")
    if (script) base = script.src.split("/workers/")[0] + "/lunr"
  }
  self.lunr = lunrShim()
  try {
    await importScripts(`${base}/min/lunr.stemmer.support.min.js`, `${base}/min/lunr.${lang}.min.js`)
    const language = self.lunr[lang]
    if (language && typeof language.stemmer === "function") stemmer = (word) => language.stemmer(word)
  } catch (err) {
    /* A language without a stemmer file (or a segmenter one) still searches, unstemmed. */
  }
}

/* A light English stemmer (lunr-languages has no English file; Material bundles
 * lunr's Porter stemmer inside its own worker): plural and verb endings. */
function englishStem(word) {
  if (word.length <= 3) return word
  return word
    .replace(/(ies|ied)$/, "y")
    .replace(/(sses|xes|ches|shes)$/, (m) => m.slice(0, -2))
    .replace(/([^s])s$/, "$1")
    .replace(/(ing|ed)$/, (m, _, i) => (i >= 3 ? "" : m))
}
const ENGLISH_STOP_WORDS = ("a an and are as at be by for from has have he her his i if in into is it its " +
  "me my no not of on or our she so that the their them they this to was we were what when where which " +
  "who why will with you your").split(" ")

/* ---------------------------------------------------------------------------
 * Text: tokens, stems, folding
 * ------------------------------------------------------------------------ */

let separator = /[\s\-]+/

function fold(word) {
  return word.normalize("NFD").replace(/\p{M}+/gu, "")
}

function stripTags(html) {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e) => {
      if (e[0] !== "#") return { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " " }[e] || " "
      return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
    })
}

/* Words of a plain text, lower case, split at the site's separator and at anything
 * that is neither letter nor digit. */
function words(text) {
  const out = []
  for (const part of text.toLowerCase().split(separator))
    for (const word of part.split(/[^\p{L}\p{N}]+/u))
      if (word) out.push(word)
  return out
}

const stems = new Map()
function stem(word) {
  let s = stems.get(word)
  if (s === undefined) {
    s = fold(stemmer(word) || word)
    stems.set(word, s)
  }
  return s
}

/* ---------------------------------------------------------------------------
 * Index
 * ------------------------------------------------------------------------ */

function firstParagraph(html) {
  const match = /<p>([\s\S]*?)<\/p>/.exec(html || "")
  return match ? match[1] : ""
}

function buildEngine({ config, docs }) {
  if (config.separator) separator = new RegExp(config.separator)
  const pages = []
  const byPath = new Map()
  for (const doc of docs) {
    const [path] = doc.location.split("#")
    let page = byPath.get(path)
    if (!page) {
      page = { path, article: doc, sections: [], boost: doc.boost || 1, summary: "" }
      byPath.set(path, page)
      pages.push(page)
    } else {
      page.sections.push(doc)
    }
  }

  /* A page below another (scenarios/x/step/ below scenarios/x/) repeats its parent's
   * title as context ("Step · Scenario"): that context must neither outrank the parent
   * nor stand in for the page's summary. */
  const folder = (path) => path.replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "/")
  for (const page of pages) {
    let parent = null
    for (const other of pages)
      if (folder(other.path) && other !== page && folder(page.path).startsWith(folder(other.path)) &&
          (!parent || other.path.length > parent.path.length)) parent = other
    const context = parent ? stripTags(parent.article.title).trim() : ""
    const drop = (text) => (context ? text.split(context).join(" ") : text)
    page.fields = { title: [drop(stripTags(page.article.title))], keywords: [...(page.article.tags || [])],
      summary: [], headings: [], text: [] }
    for (const doc of [page.article, ...page.sections]) {
      if (doc !== page.article) page.fields.headings.push(stripTags(doc.title))
      const first = firstParagraph(doc.text)
      if (!page.summary && stripTags(first).trim() && !(context && stripTags(first).includes(context))) {
        /* The page's first paragraph says what it is about: the summary of a scenario
         * or an entry, the situation of a decision. */
        page.summary = first
        page.fields.summary.push(stripTags(first))
        page.fields.text.push(stripTags(doc.text.replace(first, "")))
      } else {
        page.fields.text.push(drop(stripTags(doc.text)))
      }
    }
  }

  /* term -> Map(page index -> {field: count}), and the adjacent
   * pairs of stems each page has in its title, keywords and summary. */
  const postings = new Map()
  const surface = new Map()   /* folded word -> its stem, for typo matching */
  pages.forEach((page, i) => {
    page.pairs = new Set()
    for (const [name, texts] of Object.entries(page.fields)) {
      for (const text of texts) {
        const list = words(text)
        list.forEach((word, n) => {
          const s = stem(word)
          surface.set(fold(word), s)
          let posting = postings.get(s)
          if (!posting) postings.set(s, posting = new Map())
          /* one saturated count per field, weighted: a title mention is not worth
           * a few mentions in a long text */
          let counts = posting.get(i)
          if (!counts) posting.set(i, counts = {})
          counts[name] = (counts[name] || 0) + 1
          if (n > 0 && name !== "text" && name !== "headings") page.pairs.add(`${stem(list[n - 1])} ${s}`)
        })
      }
    }
  })
  const idf = new Map()
  for (const [term, posting] of postings)
    idf.set(term, Math.log(1 + (pages.length - posting.size + 0.5) / (posting.size + 0.5)))
  return { pages, postings, surface, idf }
}

/* ---------------------------------------------------------------------------
 * Matching: exact stems, prefixes while typing, typos
 * ------------------------------------------------------------------------ */

/* Optimal string alignment distance, capped: transpositions count as one typo. */
function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev2 = null, prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1)
      row.push(d)
      best = Math.min(best, d)
    }
    if (best > max) return max + 1
    prev2 = prev
    prev = row
  }
  return prev[b.length]
}

/* The index terms a query word stands for, each with how much it counts. */
function expand(word, typing) {
  const { postings, surface } = engine
  const found = new Map()
  const s = stem(word)
  if (postings.has(s)) found.set(s, 1)
  if (typing && word.length >= 3)
    for (const term of postings.keys())
      if (!found.has(term) && term.startsWith(fold(word))) found.set(term, PREFIX)
  if (!found.size && word.length >= 4) {
    const max = word.length >= 8 ? 2 : 1
    const folded = fold(word)
    for (const [known, knownStem] of surface)
      if (distance(folded, known, max) <= max)
        found.set(knownStem, Math.max(found.get(knownStem) || 0, FUZZY))
  }
  return found
}

/* ---------------------------------------------------------------------------
 * Search
 * ------------------------------------------------------------------------ */

function search(query) {
  const { pages, postings, idf } = engine
  const all = words(query)
  if (!all.length) return { items: [] }
  const typing = !/\s$/.test(query)
  const content = all.filter((w) => !stopWords.has(w))
  const terms = content.length ? content : all

  const scores = new Map()    /* page index -> score */
  const matched = new Map()   /* page index -> Set of query words found */
  let total = 0
  terms.forEach((word, n) => {
    const last = typing && n === terms.length - 1 && word === all[all.length - 1]
    const expansion = expand(word, last)
    let weight = 0
    const best = new Map()    /* page -> best contribution of this query word */
    for (const [term, factor] of expansion) {
      const w = idf.get(term)
      weight = Math.max(weight, w)
      for (const [page, counts] of postings.get(term)) {
        let tf = 0
        for (const name in counts) tf += FIELDS[name] * (counts[name] * (SATURATION + 1)) / (counts[name] + SATURATION)
        const value = factor * w * tf
        if (value > (best.get(page) || 0)) best.set(page, value)
      }
    }
    total += weight || Math.log(1 + pages.length)
    for (const [page, value] of best) {
      scores.set(page, (scores.get(page) || 0) + value)
      if (!matched.has(page)) matched.set(page, new Set())
      matched.get(page).add(word)
    }
  })

  /* Adjacent query words (stop words included) that a title, keyword or summary
   * holds in the same order. */
  const pairs = []
  for (let i = 1; i < all.length; i++) pairs.push(`${stem(all[i - 1])} ${stem(all[i])}`)

  const ranked = []
  for (const [page, score] of scores) {
    const found = matched.get(page)
    let coverage = 0
    for (const word of found) coverage += idf.get(stem(word)) || Math.log(1 + pages.length)
    coverage = Math.min(1, coverage / (total || 1))
    let phrase = 0
    for (const pair of pairs) if (pages[page].pairs.has(pair)) phrase += PHRASE
    const value = (score * (0.25 + 0.75 * coverage * coverage) + phrase * Math.log(1 + pages.length)) * pages[page].boost
    ranked.push([page, value, found])
  }
  ranked.sort((a, b) => b[1] - a[1])

  return { items: ranked.map(([page, score, found]) => present(pages[page], score, terms, found)) }
}

/* ---------------------------------------------------------------------------
 * Presentation: what Material's result list shows for a page
 * ------------------------------------------------------------------------ */

function present(page, score, terms, found) {
  const status = {}
  for (const word of terms) status[word] = found.has(word)
  const marks = new Set([...found].map(stem))
  const article = {
    location: page.article.location,
    title: highlight(page.article.title, marks),
    text: page.summary ? `<p>${highlight(page.summary, marks)}</p>` : "",
    score,
    terms: status
  }
  /* Sections rank below the page itself, so Material folds them under it. */
  const sections = page.sections.map((doc) => ({
    location: doc.location,
    title: highlight(doc.title, marks),
    text: highlight(doc.text, marks),
    score: score / 2,
    terms: status
  }))
  return [article, ...sections]
}

/* Marks the words whose stems matched, in text between tags only. */
function highlight(html, marks) {
  if (!marks.size) return html
  return html.replace(/(^|>)([^<]*)/g, (all, open, text) => open + text.replace(/&[^;\s]+;|[\p{L}\p{N}]+/gu, (word) =>
    word[0] !== "&" && marks.has(stem(word.toLowerCase())) ? `<mark>${word}</mark>` : word))
}

/* ---------------------------------------------------------------------------
 * Protocol
 * ------------------------------------------------------------------------ */

async function handler(message) {
  switch (message.type) {
    case SETUP:
      await setupLanguage((message.data.config.lang || ["en"])[0])
      engine = buildEngine(message.data)
      return { type: READY }
    case QUERY:
      try {
        return { type: RESULT, data: search(message.data) }
      } catch (err) {
        console.warn(err)
        return { type: RESULT, data: { items: [] } }
      }
    default:
      throw new TypeError("Invalid message type")
  }
}

addEventListener("message", async (ev) => {
  postMessage(await handler(ev.data))
})
