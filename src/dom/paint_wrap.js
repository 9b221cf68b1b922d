// The DOM work of wrap-mode painting (src/dom/paint_wrap.rs), imported by the wasm module.
//
// Rust decides what to cut and what covers each piece; this file only performs it, so
// that painting a text node is one call instead of several calls into JavaScript (and a
// string decode for every attribute) per piece. Text is only ever text: pieces become
// Text nodes (createTextNode), attribute values go through setAttribute, and no markup is
// ever parsed.

// Parents whose direct text children are never wrapped: table structure, list containers,
// form controls.
const NO_WRAP_PARENTS = new Set([
  "TABLE", "TBODY", "THEAD", "TFOOT", "TR", "COLGROUP", "UL", "OL", "DL", "SELECT", "OPTION",
  "OPTGROUP", "TEXTAREA", "DATALIST",
]);
const EDITABLE = "[contenteditable]:not([contenteditable='false'])";
const NONE = 0xffffffff;

// `editable`: whether the root has an editable region in, around or above it; without one
// (the usual case) no parent needs its own closest() lookup.
function wrappable(parent, editable) {
  if (NO_WRAP_PARENTS.has(parent.tagName.toUpperCase())) return false;
  return !editable || parent.closest(EDITABLE) === null;
}

// Wraps pieces of `nodes` (Text nodes under `root`) as `ops` (a Uint32Array) says;
// `strings` holds the class lists and labels that `ops` refers to by index. Per node, in order:
//   keep, count, then `count` pieces of 7 numbers: start, end (UTF-16 offsets in the node),
//   class (index, or NONE for a plain piece), entity id, mention index, label (index or
//   NONE), quote id (NONE: none; entity id NONE: no entity attributes).
// The node keeps its text up to `keep`; the pieces are new nodes inserted right after it.
// Returns the journal for unwrapTexts(). A DOM exception undoes everything first.
export function wrapTexts(root, nodes, ops, strings) {
  // `ops` is a view of the wasm memory: copy it, in case a page's synchronous DOM mutation
  // listener calls into the module and grows (detaches) that memory while we paint.
  ops = ops.slice();
  const journal = [];
  const templates = new Map();
  let templatesOf = null; // the document the templates belong to
  const pieces = []; // the new nodes of the text node being cut
  const n = strings.length;
  // Every node's parent is the root or inside it: when neither the root (with its
  // ancestors) nor anything in it is editable, no parent is.
  const editable = root.closest(EDITABLE) !== null || root.querySelector(EDITABLE) !== null;
  let lastParent = null;
  let lastOk = false;
  let k = 0;
  let open = -1; // where the record being built starts, while it is incomplete
  try {
    for (const node of nodes) {
      const keep = ops[k];
      const count = ops[k + 1];
      const first = k + 2;
      k = first + 7 * count;
      const parent = node.parentElement;
      if (parent === null) continue;
      if (parent !== lastParent) {
        lastParent = parent;
        lastOk = wrappable(parent, editable);
      }
      if (!lastOk) continue;
      const doc = node.ownerDocument;
      if (doc !== templatesOf) {
        templates.clear();
        templatesOf = doc;
      }
      const data = node.data;
      pieces.length = 0;
      open = journal.length;
      journal.push(node, data, 0);
      for (let i = first; i < k; i += 7) {
        const cls = ops[i + 2];
        if (cls === NONE) {
          const text = doc.createTextNode(data.slice(ops[i], ops[i + 1]));
          pieces.push(text);
          journal.push(text);
          continue;
        }
        // One template per kind of mark, with every attribute it will carry in their final
        // order: the label's value is set once, and the per-mark values replace
        // placeholders (cheaper than adding attributes).
        const entity = ops[i + 3], label = ops[i + 5], quote = ops[i + 6];
        const labelSlot = entity === NONE ? n + 1 : label === NONE ? n : label;
        const key = (cls * (n + 2) + labelSlot) * 2 + (quote === NONE ? 0 : 1);
        let template = templates.get(key);
        if (template === undefined) {
          template = doc.createElement("mark");
          template.setAttribute("class", strings[cls]);
          if (entity !== NONE) {
            template.setAttribute("data-ah-entity", "");
            template.setAttribute("data-ah-mention", "");
            if (label !== NONE) template.setAttribute("data-ah-label", strings[label]);
          }
          if (quote !== NONE) template.setAttribute("data-ah-quote", "");
          templates.set(key, template);
        }
        const mark = template.cloneNode(false);
        if (entity !== NONE) {
          mark.setAttribute("data-ah-entity", entity);
          mark.setAttribute("data-ah-mention", ops[i + 4]);
        }
        if (quote !== NONE) mark.setAttribute("data-ah-quote", quote);
        // The piece's Text node is made by the textContent setter (cheaper than append())
        // and never needs a reference: it leaves with its mark.
        mark.textContent = data.slice(ops[i], ops[i + 1]);
        pieces.push(mark);
        journal.push(mark);
      }
      // Journal first (how many nodes follow), so a failure below is undone.
      journal[open + 2] = journal.length - open - 3;
      open = -1;
      node.deleteData(keep, data.length - keep);
      insertAfter(node, pieces, doc);
    }
  } catch (e) {
    // An incomplete record changed nothing in the page yet: drop it.
    if (open >= 0) journal.length = open;
    unwrapTexts(journal);
    throw e;
  }
  return journal;
}

// Inserts `pieces` right after `node`, in one DOM operation: after() takes them as
// arguments (no call per piece), a fragment is built for very many (argument count limits).
function insertAfter(node, pieces, doc) {
  if (pieces.length <= 1000) {
    node.after(...pieces);
    return;
  }
  const fragment = doc.createDocumentFragment();
  for (const piece of pieces) fragment.appendChild(piece);
  node.parentNode.insertBefore(fragment, node.nextSibling);
}

// Undoes wrapTexts(): removes the inserted nodes and gives every cut node its text back.
// The journal is flat: per cut node, the node, its text, how many nodes were inserted after
// it, then those nodes. Safe to call more than once (the journal is emptied).
export function unwrapTexts(journal) {
  // Records are read front to back; the cut nodes are independent of each other.
  for (let j = 0; j < journal.length; ) {
    const node = journal[j];
    const end = j + 3 + journal[j + 2];
    node.data = journal[j + 1];
    if (ownsParent(journal, j, end)) node.parentNode.replaceChildren(node);
    else for (let i = j + 3; i < end; i++) journal[i].remove();
    j = end;
  }
  journal.length = 0;
}

// True when the parent of the record's node (journal[j]) has exactly that node and the
// nodes inserted after it as children, in that order (the page left them alone, as with a
// paragraph of plain text): then they all leave in one replaceChildren() call, which
// removes a parent's children in one batch instead of one by one.
function ownsParent(journal, j, end) {
  const node = journal[j];
  const parent = node.parentNode;
  if (end === j + 3 || parent === null || parent.firstChild !== node) return false;
  if (parent.lastChild !== journal[end - 1]) return false;
  for (let i = j + 3, prev = node; i < end; prev = journal[i], i++) {
    if (prev.nextSibling !== journal[i]) return false;
  }
  return true;
}
