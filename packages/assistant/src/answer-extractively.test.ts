import { describe, expect, it } from "vitest";
import {
  answerExtractively,
  figureFits,
  figureSlack,
  isContentsRow,
  questionFigures,
  trimAround,
} from "./answer-extractively";
import { numberedSource } from "./testing/search-result";
import type { NumberedSource } from "./types";

const src = (n: number, text: string): NumberedSource => numberedSource({ n, text, snippet: "" });

describe("answerExtractively", () => {
  const sources = [
    src(
      1,
      "# Travel\n\nTravel must be booked through Wayfare. The nightly hotel limit is $250 in major cities and $180 elsewhere. Hotels are booked by the traveller.",
    ),
    src(2, "Meals on trips are covered by a per diem. The domestic per diem is $75 per day."),
  ];

  it("copies whole sentences verbatim, cites each, and prefers the one stating the figure asked for", () => {
    const a = answerExtractively({ question: "What is the nightly hotel limit?", sources });
    expect(a.sentences[0]!.text).toBe("The nightly hotel limit is $250 in major cities and $180 elsewhere.");
    for (const s of a.sentences) expect(sources[s.n - 1]!.text.slice(s.start, s.end)).toBe(s.text);
    expect(a.text).toMatch(/^The nightly hotel limit is \$250 in major cities and \$180 elsewhere\. \[1\]/);
  });

  it("adds a second sentence only when it covers something new, leading with the best pick's passage", () => {
    const a = answerExtractively({ question: "What are the hotel limit and the domestic per diem?", sources });
    expect(a.sentences.map((s) => s.n).sort()).toEqual([1, 2]);
    expect(a.text).toContain("$75 per day. [2]");
  });

  it("returns nothing rather than inventing when no sentence shares a word with the question", () => {
    expect(answerExtractively({ question: "Jupiter moons?", sources })).toEqual({ text: "", sentences: [] });
  });
});

describe("answerExtractively: sections, weights and procedures", () => {
  const withHeadings = (n: number, headings: string[], text: string): NumberedSource => ({
    ...src(n, text),
    headings,
  });

  it("reads a section whose heading is made of the question's words as about what is asked", () => {
    // The role's own section names it only in its heading; another section names it in a sentence.
    const sources = [
      withHeadings(
        1,
        ["Staff guide", "Who does what", "Records Officer"],
        "Keeps the retention schedule and signs off every disposal of archived files.",
      ),
      withHeadings(
        2,
        ["Staff guide", "Storage", "Borrowing files"],
        "Files kept out longer than a month need the Records Officer's approval.",
      ),
    ];
    const a = answerExtractively({ question: "What does the records officer actually do?", sources });
    expect(a.sentences[0]?.n).toBe(1);
    expect(a.sentences[0]?.text).toContain("retention schedule");
    // A heading holding a word the question lacks titles something else: no full credit.
    const other = answerExtractively({
      question: "What does the records officer actually do?",
      sources: [{ ...sources[0]!, headings: ["Staff guide", "Who does what", "Senior Records Officer"] }, sources[1]!],
    });
    expect(other.sentences[0]?.n).toBe(2);
  });

  it("credits a sentence with its section heading's words, so the figure under 'Hotels' answers a hotel question", () => {
    const sources = [
      withHeadings(
        1,
        ["Expenses", "Roles", "Department Head"],
        "Approves purchases from £1,000 to £10,000 with the budget holder, and hotel bookings above the limits.",
      ),
      withHeadings(
        2,
        ["Expenses", "Hotels"],
        "Book through the travel desk. The maximum room rate is £160 per night in London and £110 elsewhere.",
      ),
    ];
    const a = answerExtractively({ question: "What is the hotel rate per night?", sources });
    expect(a.sentences[0]!.text).toBe("The maximum room rate is £160 per night in London and £110 elsewhere.");
  });

  it("weighs question words by the corpus rarity it is given: the rare word decides, not the common one", () => {
    const sources = [
      src(1, "Injuries that keep someone off normal work for a week are reported after the accident by the HSE team."),
      src(2, "Record the accident in SafeLog before the end of the shift."),
    ];
    const question = "An accident happened at work, where is it recorded?";
    // Without corpus weights the two-word match wins; with them "accident" and "record" decide.
    const rarity = new Map([
      ["accident", 3],
      ["work", 0.2],
      ["happen", 1],
      ["record", 3],
    ]);
    expect(answerExtractively({ question, sources, rarity }).sentences[0]!.n).toBe(2);
  });

  it("quotes the steps under a heading naming a procedure for a 'what do I do' question", () => {
    const sources = [
      withHeadings(
        1,
        ["Safety", "8.2 Reporting to the regulator"],
        "The HSE team reports to the regulator injuries that keep someone off normal work for more than 7 days after the accident.",
      ),
      withHeadings(
        2,
        ["Safety", "8.1 What to do after an accident"],
        "1. Make the area safe.\n\n2. Call a first aider.\n\n3. Record the accident in SafeLog within 24 hours.",
      ),
    ];
    const a = answerExtractively({
      question: "I just had an accident at work. What do I need to do?",
      sources,
      rarity: new Map([
        ["accident", 2.7],
        ["work", 1.1],
      ]),
    });
    expect(a.sentences.filter((s) => s.n === 2).map((s) => s.text)).toEqual([
      "1. Make the area safe.",
      "2. Call a first aider.",
      "3. Record the accident in SafeLog within 24 hours.",
    ]);
    // The steps lead the answer; the sibling section's sentence only follows.
    expect(a.sentences[0]!.n).toBe(2);
  });

  it("follows the sentence matching a procedure question's situation with the actions in its paragraph", () => {
    const sources = [
      src(
        1,
        "If a customer disputes a card payment with their bank, do not refund as well. Forward the notification to refunds@example.com; Finance responds to the bank.\nOther rules apply to invoices.",
      ),
    ];
    const a = answerExtractively({
      question: "A customer disputed their card payment with the bank. What do I do?",
      sources,
    });
    expect(a.text).toContain("Forward the notification to refunds@example.com");
    expect(a.text).not.toContain("Other rules");
    for (const s of a.sentences) expect(sources[0]!.text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe("answerExtractively with tables", () => {
  const sla = src(
    1,
    "Service credits\n\nIf Monthly Uptime falls below the commitment, the Customer is entitled to a service credit.\n\n" +
      "Service level | Monthly Uptime achieved | Service credit (% of monthly fee)\n" +
      "Standard | 99.0% to below 99.5% | 5%\n" +
      "Premium | 99.5% to below 99.9% | 10%\n" +
      "Premium | below 99.5% | 30%\n" +
      "Enterprise | 99.5% to below 99.9% | 25%",
  );

  it("quotes the matching row under its header row as a table, cells verbatim", () => {
    const a = answerExtractively({
      question: "What service credit does an Enterprise customer get if monthly uptime was 99.7%?",
      sources: [sla],
    });
    const row = a.sentences.find((s) => s.header);
    expect(row?.text).toBe("Enterprise | 99.5% to below 99.9% | 25%");
    expect(row?.header?.text).toBe("Service level | Monthly Uptime achieved | Service credit (% of monthly fee)");
    expect(sla.text.slice(row!.start, row!.end)).toBe(row!.text);
    expect(sla.text.slice(row!.header!.start, row!.header!.end)).toBe(row!.header!.text);
    expect(a.text).toContain(
      "| Service level | Monthly Uptime achieved | Service credit (% of monthly fee) |\n| --- | --- | --- |\n| Enterprise | 99.5% to below 99.9% | 25% [1] |",
    );
  });

  it("uses the passage's title and headings, and quotes only the band that holds the figure asked about", () => {
    const limits = {
      ...src(
        1,
        "Claim amount (single claim) | Approver\nup to $1,000 | Your line manager\n$1,000.01 to $5,000 | Department head\nabove $5,000 | CFO",
      ),
      title: "Expenses policy",
      headings: ["Approval limits"],
    };
    const a = answerExtractively({ question: "Who needs to approve an expense claim of $3,000?", sources: [limits] });
    expect(a.sentences.map((s) => s.text)).toEqual(["$1,000.01 to $5,000 | Department head"]);
    // The answer leads with the passage's section path: a row says whose limits these are only through it.
    expect(a.text).toBe(
      "**Expenses policy › Approval limits** [1]\n\n| Claim amount (single claim) | Approver |\n| --- | --- |\n| $1,000.01 to $5,000 | Department head [1] |",
    );
  });

  it("quotes several rows of one table as one table even when their cells overlap", () => {
    const steps = src(
      1,
      "Step | Who | Dates\nSelf-assessment opens in Hearth | Employee | 1 October\nSelf-assessment due | Employee | 14 October\nCalibration | Managers | 3 November",
    );
    const a = answerExtractively({ question: "When is the self-assessment?", sources: [steps] });
    expect(a.sentences.map((s) => s.text)).toEqual([
      "Self-assessment opens in Hearth | Employee | 1 October",
      "Self-assessment due | Employee | 14 October",
    ]);
    expect(a.text.match(/\| Step \| Who \| Dates \|/g)).toHaveLength(1);
  });

  it("quotes a lead-in with the list it introduces, and stops where the list ends", () => {
    const checks = src(
      1,
      "Check the forklift before every shift. If the truck fails any check item:\n- park it and remove the key\n- tag it DO NOT USE\n- tell the Shift Supervisor\nTrucks are serviced monthly.",
    );
    const a = answerExtractively({
      question: "What should I do if the forklift fails a check item?",
      sources: [checks],
    });
    expect(a.sentences.map((s) => s.text)).toContain("tag it DO NOT USE");
    expect(a.sentences.filter((s) => s.list).map((s) => s.text)).toEqual([
      "park it and remove the key",
      "tag it DO NOT USE",
      "tell the Shift Supervisor",
    ]);
    for (const s of a.sentences) expect(checks.text.slice(s.start, s.end)).toBe(s.text);
  });

  it("never offers a header row on its own", () => {
    const a = answerExtractively({
      question: "Which service levels and monthly uptime bands are there?",
      sources: [sla],
    });
    expect(a.sentences.some((s) => s.text.startsWith("Service level |"))).toBe(false);
  });
});

describe("figureFits", () => {
  it("matches a stated figure and the bands tables use", () => {
    expect(figureFits([3000], "$1,000.01 to $5,000 | Department head")).toBe(true);
    expect(figureFits([3000], "up to $1,000 | Your line manager")).toBe(false);
    expect(figureFits([6000], "above $5,000 | CFO")).toBe(true);
    expect(figureFits([99.7], "Premium | 99.5% to below 99.9% | 10%")).toBe(true);
    expect(figureFits([99.9], "Premium | 99.5% to below 99.9% | 10%")).toBe(false);
    expect(figureFits([98], "Standard | below 98.0% | 20%")).toBe(false);
    expect(figureFits([97], "Standard | below 98.0% | 20%")).toBe(true);
    expect(figureFits([], "anything 5")).toBe(false);
  });
});

describe("figureSlack", () => {
  it("fits figures of one measure only: a 12 hour day is not 'up to €35'", () => {
    const figures = questionFigures("what meal allowance can I claim for a 12 hour day?");
    expect(figures).toEqual([{ value: 12, op: null, unit: "hour" }]);
    expect(figureSlack({ figures, text: "You may claim up to €45 for an evening meal." })).toBeNull();
    expect(figureSlack({ figures, text: "Claims are paid within 30 days." })).toBeNull();
    // Without byUnit (the answerability check's reading) any figure counts, as before.
    expect(
      figureSlack({ figures, text: "You may claim up to €45 for an evening meal.", byUnit: false }),
    ).not.toBeNull();
  });

  it("measures how near the band's edge lies: the tier that applies fits tightest", () => {
    const figures = questionFigures("I'm away for 12 hours");
    const five = figureSlack({ figures, text: "€15 if you are away for more than 5 hours;" })!;
    const ten = figureSlack({ figures, text: "€35 if you are away for more than 10 hours." })!;
    expect(ten).toBeLessThan(five);
    expect(figureSlack({ figures, text: "€50 if you are away for more than 14 hours." })).toBeNull();
    expect(figureSlack({ figures: [3000], text: "$1,000.01 to $5,000 | Department head" })).toBeCloseTo(2000 / 3000);
    expect(figureSlack({ figures: [850], text: "Users | 850 named users" })).toBe(0);
  });
});

describe("questionFigures", () => {
  it("reads a bound the question states and matches only bands on that side of it", () => {
    const below99 = questionFigures("What credit applies when uptime drops below 99.0%?");
    expect(below99).toEqual([{ value: 99, op: "below", unit: "percent" }]);
    expect(figureFits(below99, "Premium | below 99.0% | 30%")).toBe(true);
    expect(figureFits(below99, "Premium | 99.0% to below 99.5% | 20%")).toBe(false);
  });
});

describe("answerExtractively: answer types, steps and long sentences", () => {
  it("quotes the tier whose condition fits the figure asked about, not a looser one or another measure's", () => {
    const sources = [
      src(
        1,
        "When you are away from your base studio for the day, you may claim, with receipts, up to:\n\n€15 if you are away for more than 5 hours;\n\n€35 if you are away for more than 10 hours.",
      ),
      src(2, "You may claim up to €45 for an evening meal with a receipt when you stay overnight."),
    ];
    const a = answerExtractively({ question: "What meal allowance can I claim for a 12 hour day away?", sources });
    const quoted = a.sentences.map((s) => s.text);
    expect(quoted).toContain("€35 if you are away for more than 10 hours.");
    expect(quoted).not.toContain("€15 if you are away for more than 5 hours;");
  });

  it("quotes a whole numbered procedure from its first step when asked what to do", () => {
    const steps = {
      ...src(
        1,
        "8.1 What to do after an accident\n\n1. Make the area safe if you can.\n\n2. Call a first aider for any injury.\n\n3. Tell your Shift Supervisor straight away.\n\n4. Record the accident in SafeLog within 24 hours.",
      ),
      headings: ["8.1 What to do after an accident"],
    };
    const a = answerExtractively({ question: "I just had an accident. What do I need to do?", sources: [steps] });
    expect(a.sentences.map((s) => s.text)).toEqual([
      "1. Make the area safe if you can.",
      "2. Call a first aider for any injury.",
      "3. Tell your Shift Supervisor straight away.",
      "4. Record the accident in SafeLog within 24 hours.",
    ]);
    for (const s of a.sentences) expect(steps.text.slice(s.start, s.end)).toBe(s.text);
  });

  it("takes a role's duties as saying who, through the role's heading", () => {
    const visitors = {
      ...src(1, "Contractors must have an approved method statement, and high-risk work needs a permit to work."),
      headings: ["Site rules", "Visitors and contractors"],
    };
    const role = {
      ...src(
        2,
        "Investigates accidents and records the findings.\n\nIssues permits to work and keeps the training records.",
      ),
      headings: ["Roles and responsibilities", "Site Safety Coordinator"],
    };
    const a = answerExtractively({ question: "Who gives out permits to work?", sources: [visitors, role] });
    expect(a.sentences[0]!.text).toBe("Issues permits to work and keeps the training records.");
    // The answer leads with the role's passage, its heading saying whose duty it is.
    expect(a.text.startsWith("**Doc 2 › Roles and responsibilities › Site Safety Coordinator** [2]")).toBe(true);
  });

  it("prefers the sentence stating a percentage when asked how much", () => {
    const pay = src(
      1,
      "Payslips are published three working days before pay day. Night work attracts a shift allowance of 12% of your basic hourly rate. Most roles work 12-hour day or night shifts.",
    );
    const a = answerExtractively({ question: "How much extra is the pay for night shifts?", sources: [pay] });
    expect(a.text).toContain("12% of your basic hourly rate");
  });

  it("skips table-of-contents rows, which point at an answer without stating one", () => {
    expect(isContentsRow("4.4 Buying extra leave | 6")).toBe(true);
    expect(isContentsRow("Appendix A Worked examples | 12")).toBe(true);
    expect(isContentsRow("5 to 9 years | 28 days | 8")).toBe(false);
    expect(isContentsRow("Standard | 99.0% to below 99.5% | 5%")).toBe(false);
  });

  it("trims a long run of clauses to the stretch around the question's words, verbatim", () => {
    const filler = "Visitors sign in at reception and wear a badge at all times while on site, ".repeat(8);
    const text = `${filler}and hearing protection must be worn in the compactor area at all times, ${filler}`;
    const t = trimAround({ text, start: 100, terms: ["hear", "protection", "compactor"] });
    expect(t.text.length).toBeLessThanOrEqual(360);
    expect(t.text).toContain("hearing protection must be worn in the compactor area");
    expect(text.slice(t.start - 100, t.end - 100)).toBe(t.text);
    const s = src(1, text);
    const a = answerExtractively({
      question: "Where is hearing protection needed in the compactor area?",
      sources: [s],
    });
    expect(a.text).toContain("hearing protection must be worn in the compactor area");
  });
});

describe("answerExtractively: cross-references and links", () => {
  it("quotes the sentence that states the answer, not the one saying where to read it", () => {
    const hotels = src(
      1,
      "See also: Hotel booking policy, Travel expenses claims policy. Hotel stays are reimbursed up to 150 EUR a night.",
    );
    const pointer = src(2, "For more information on hotel expenses claims, see section 4.2 of the Travel Handbook.");
    const a = answerExtractively({ question: "How much can I claim for a hotel?", sources: [pointer, hotels] });
    expect(a.sentences.map((s) => s.text)).toEqual(["Hotel stays are reimbursed up to 150 EUR a night."]);
  });

  it("still quotes a pointer when nothing else speaks to the question", () => {
    const pointer = src(1, "For more information on hotel expenses claims, see section 4.2 of the Travel Handbook.");
    const a = answerExtractively({ question: "How much can I claim for a hotel?", sources: [pointer] });
    expect(a.sentences.map((s) => s.text)).toEqual([pointer.text]);
  });

  it("does not append a line of links to the steps of a procedure", () => {
    const steps = src(
      1,
      "If you lose your badge, report it to Security at once. Links: https://intranet.example.com/security https://intranet.example.com/badges",
    );
    const a = answerExtractively({ question: "What do I do if I lose my badge?", sources: [steps] });
    expect(a.text).not.toContain("https://");
    expect(a.sentences[0]!.text).toBe("If you lose your badge, report it to Security at once.");
  });
});

describe("answerExtractively: a run of inline bullets over 700 characters", () => {
  it("quotes the item that answers, verbatim, instead of dropping the run", () => {
    const items = Array.from(
      { length: 14 },
      (_, k) => `Item ${k + 1} of the depot kit list is checked by the shift lead each morning`,
    );
    items.splice(9, 0, "Hearing protection is worn at all times beside the baler and the compactor");
    const text = `Personal protective equipment on site: • ${items.join(" • ")}`;
    expect(text.length).toBeGreaterThan(700);
    const s = src(1, text);
    const a = answerExtractively({ question: "When must I wear hearing protection near the baler?", sources: [s] });
    expect(a.sentences[0]!.text).toContain("Hearing protection is worn at all times beside the baler");
    for (const x of a.sentences) expect(s.text.slice(x.start, x.end)).toBe(x.text);
  });
});
