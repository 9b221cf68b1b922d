// Reads a ready annotation (highlight()'s options.annotation) for src/dom/given.rs in one
// call: its numbers into one Uint32Array and its strings joined into one string, instead of
// a call into JavaScript per field and per string. Only a value that is plainly valid is
// read (every number an integer in 0..2^32, every string a string, every list an Array);
// anything else returns null, and the caller decodes it the general way (which gives the
// same result, or the error). Lone surrogates become U+FFFD in the joined string exactly as
// in each string alone; the one difference, a lone surrogate at the end of one string and
// its other half at the start of the next joining into a pair, is seen by the caller
// (the lengths no longer add up) and also sent the general way.
//
// Numbers, in order: entity count, then per entity start, end, entityId, text length,
// label length; quote count, then per quote start, end, text length, kind length, flags
// (1 speaker, 2 speakerName, 4 speakerId, 8 cue), then what the flags say is there: speaker
// start, end, text length; speakerName length; speakerId; cue start, end, text length.
// String lengths are UTF-16 code units; the strings follow each other in the same order.

const u32 = (v) => typeof v === "number" && v >>> 0 === v; // -0 reads as 0, as in the general way
const str = (v) => typeof v === "string";
const obj = (v) => typeof v === "object" && v !== null;
const none = (v) => v === null || v === undefined;

export function readAnnotation(a) {
  if (!obj(a)) return null;
  const { entities, quotes } = a;
  if (!Array.isArray(entities) || !Array.isArray(quotes)) return null;
  // At most 5 numbers per entity and 16 per quote, plus the two counts.
  const nums = new Uint32Array(2 + 5 * entities.length + 16 * quotes.length);
  const strings = [];
  let k = 0;
  nums[k++] = entities.length;
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    if (!obj(e)) return null;
    const { start, end, text, label, entityId } = e;
    if (!u32(start) || !u32(end) || !u32(entityId) || !str(text) || !str(label)) return null;
    nums[k++] = start;
    nums[k++] = end;
    nums[k++] = entityId;
    nums[k++] = text.length;
    nums[k++] = label.length;
    strings.push(text, label);
  }
  nums[k++] = quotes.length;
  const span = (s) => {
    if (!obj(s)) return false;
    const { start, end, text } = s;
    if (!u32(start) || !u32(end) || !str(text)) return false;
    nums[k++] = start;
    nums[k++] = end;
    nums[k++] = text.length;
    strings.push(text);
    return true;
  };
  for (let i = 0; i < quotes.length; i++) {
    const q = quotes[i];
    if (!obj(q)) return null;
    const { start, end, text, kind, speaker, speakerName, speakerId, cue } = q;
    if (!u32(start) || !u32(end) || !str(text) || !str(kind)) return null;
    const flags = (none(speaker) ? 0 : 1) | (none(speakerName) ? 0 : 2) | (none(speakerId) ? 0 : 4) | (none(cue) ? 0 : 8);
    nums[k++] = start;
    nums[k++] = end;
    nums[k++] = text.length;
    nums[k++] = kind.length;
    nums[k++] = flags;
    strings.push(text, kind);
    if (flags & 1 && !span(speaker)) return null;
    if (flags & 2) {
      if (!str(speakerName)) return null;
      nums[k++] = speakerName.length;
      strings.push(speakerName);
    }
    if (flags & 4) {
      if (!u32(speakerId)) return null;
      nums[k++] = speakerId;
    }
    if (flags & 8 && !span(cue)) return null;
  }
  return [nums.subarray(0, k), strings.join("")];
}
