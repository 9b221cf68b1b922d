// What the panel and the popover say about an annotation: entities (named by their longest
// mention, with mention counts) and quotations grouped by speaker.
export const LABEL_NAMES = {
  person: "People", organization: "Organizations", place: "Places", misc: "Other names",
  date: "Dates", time: "Times", money: "Money", percent: "Percentages",
};
export const LABEL_SINGULAR = {
  person: "person", organization: "organization", place: "place", misc: "other name",
  date: "date", time: "time", money: "money", percent: "percentage",
};

export function summarize(annotation) {
  const entities = new Map();
  annotation.entities.forEach((e, index) => {
    const item = entities.get(e.entityId) ?? { id: e.entityId, label: e.label, name: e.text, count: 0, mentions: [] };
    if (e.text.length > item.name.length) item.name = e.text;
    item.count += 1;
    item.mentions.push(index);
    entities.set(e.entityId, item);
  });
  const speakers = new Map();
  annotation.quotes.forEach((q, index) => {
    const who = q.speakerName ?? "Unattributed";
    if (!speakers.has(who)) speakers.set(who, []);
    speakers.get(who).push(index);
  });
  return { entities, speakers, quotes: annotation.quotes, mentions: annotation.entities };
}

export const plural = (n, word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
export const stripQuotes = (s) => s.replace(/^["“”‘’'«»`]+|["“”‘’'«»`]+$/g, "");
