// A tiny assertion harness for the Node-driven tests: counts checks, prints failures,
// ends with the "N passed, N failed" line.
export function harness(name) {
  let passed = 0, failed = 0;
  const check = (ok, what, detail) => {
    if (ok) { passed++; } else { failed++; console.log(`  FAIL ${what}${detail === undefined ? "" : `: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`}`); }
    return ok;
  };
  const done = () => {
    console.log(`${name}: ${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
    return failed === 0;
  };
  return { check, done };
}

// Expectations on the seed article shared by the Node and browser checks.
export const SEED = {
  person: ["Jay Carney", "Bashar al-Assad", "Vladimir Putin", "Obama"],
  organization: ["White House", "Arab League", "International Atomic Energy Agency", "IAEA", "Security Council"],
  place: ["Russia", "Syria", "Moscow", "Damascus", "Iran", "Middle East"],
  date: ["Tuesday"],
  quotes: ["We have an important relationship", "We don't agree with Russia"],
  notSpeech: ["reset", "ultimatums"],
};

// Checks an annotation of the seed article; `check` is a harness check function.
export function checkSeed(check, a, where) {
  for (const [label, names] of Object.entries(SEED)) {
    if (label === "quotes" || label === "notSpeech") continue;
    for (const name of names) {
      check(a.entities.some((e) => e.text === name && e.label === label), `${where}: ${name} is a ${label}`,
        a.entities.filter((e) => e.text === name));
    }
  }
  for (const start of SEED.quotes) {
    const q = a.quotes.find((q) => q.text.includes(start));
    check(q && q.kind === "direct" && q.speakerName === "Jay Carney", `${where}: "${start}…" is a direct quote by Jay Carney`, q);
  }
  for (const word of SEED.notSpeech) {
    check(!a.quotes.some((q) => q.text.replace(/["“”]/g, "") === word), `${where}: "${word}" is not speech`);
  }
  const carney = a.entities.filter((e) => e.text.endsWith("Carney"));
  check(carney.length >= 2 && new Set(carney.map((e) => e.entityId)).size === 1, `${where}: Carney mentions share one entityId`, carney);
  const iaea = a.entities.filter((e) => e.text === "IAEA" || e.text === "International Atomic Energy Agency");
  check(iaea.length === 2 && iaea[0].entityId === iaea[1].entityId, `${where}: IAEA is linked to its expansion`, iaea);
}
