// Builds annotate()'s result from its flat form (src/boundary/flat.rs documents the layout)
// in one call: the numbers arrive as a view of wasm memory, each span's text is a slice of
// the input string, and the speaker names come joined in one string. The objects have the
// same fields in the same order as the general conversion (serde), so JSON.stringify gives
// the same text.

export function buildAnnotation(text, nums, names, table) {
  const words = table.split(",");
  let k = 0;
  const entities = [];
  const nEntities = nums[k++];
  for (let i = 0; i < nEntities; i++, k += 4) {
    const start = nums[k];
    const end = nums[k + 1];
    entities.push({ start, end, text: text.slice(start, end), label: words[nums[k + 2]], entityId: nums[k + 3] });
  }
  const span = (start, end) => ({ start, end, text: text.slice(start, end) });
  const quotes = [];
  const nQuotes = nums[k++];
  let name = 0;
  for (let i = 0; i < nQuotes; i++, k += 10) {
    const start = nums[k];
    const end = nums[k + 1];
    const flags = nums[k + 3];
    let speakerName = null;
    if (flags & 2) {
      speakerName = names.slice(name, name + nums[k + 6]);
      name += nums[k + 6];
    }
    quotes.push({
      start,
      end,
      text: text.slice(start, end),
      kind: words[nums[k + 2]],
      speaker: flags & 1 ? span(nums[k + 4], nums[k + 5]) : null,
      speakerName,
      speakerId: flags & 4 ? nums[k + 7] : null,
      cue: flags & 8 ? span(nums[k + 8], nums[k + 9]) : null,
    });
  }
  return { entities, quotes };
}
