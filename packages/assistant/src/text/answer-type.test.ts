import { describe, expect, it } from "vitest";
import { answerTypeOf, statesType, statesTypeNear } from "./answer-type";

describe("answer types", () => {
  it("reads what a question asks for", () => {
    expect(answerTypeOf("How long do I have to put in an expenses claim?")).toBe("duration");
    // A slip in a frame word ("meny") no longer hides what is asked.
    expect(answerTypeOf("how meny days of jury service does the company pay for?")).toBe("duration");
    expect(answerTypeOf("how mony pages does it have?")).toBe("count");
    expect(answerTypeOf("How many days of jury service does the company pay for?")).toBe("duration");
    expect(answerTypeOf("How much does the Plus plan cost me each month?")).toBe("amount");
    expect(answerTypeOf("How many people sit on the safety committee?")).toBe("count");
    expect(answerTypeOf("When can I switch up to the Plus plan?")).toBe("date");
    expect(answerTypeOf("What time is someone's account shut off on their last day?")).toBe("date");
    expect(answerTypeOf("Who has to sign off a purchase of £25,000?")).toBe("person");
    expect(answerTypeOf("I just had an accident at work. What do I need to do?")).toBe("procedure");
    expect(answerTypeOf("I dropped my security key on the bus. What am I supposed to do?")).toBe("procedure");
    expect(answerTypeOf("What should I do if the forklift fails its check?")).toBe("procedure");
    expect(answerTypeOf("What does multi-factor authentication mean?")).toBe("definition");
    expect(answerTypeOf("Do I need a receipt for a coffee?")).toBe("yesno");
  });

  it("reads a named limit, budget or price as asking for an amount, and 'how much time off' as a duration", () => {
    expect(answerTypeOf("What's the spending limit on a company credit card?")).toBe("amount");
    expect(answerTypeOf("Hotel budget for a night in Leeds?")).toBe("amount");
    expect(answerTypeOf("What's the highest salary for this role?")).toBe("amount");
    expect(answerTypeOf("How much paid time off can I take for a funeral?")).toBe("duration");
    expect(answerTypeOf("How much notice do I have to give?")).toBe("duration");
    // A word English has is meant as written, even one slip from a frame word.
    expect(answerTypeOf("What does the word mane mean?")).toBe("definition");
  });

  it("finds a stated value only beside the question's words", () => {
    const near = (w: string) => /^(hotel|night)/i.test(w);
    expect(statesTypeNear({ text: "The maximum room rate is £160 per night in London.", type: "amount", near })).toBe(
      true,
    );
    expect(
      statesTypeNear({
        text: "Approves purchases from £1,000 to £10,000 with the budget holder, single expense claims, first class rail travel and hotel rooms above the limits.",
        type: "amount",
        near,
      }),
    ).toBe(false);
    // A type that is not a value (a role, a step) counts wherever it is stated.
    expect(statesTypeNear({ text: "Ask your line manager first.", type: "person", near: () => false })).toBe(true);
    expect(statesTypeNear({ text: "No figure here about hotels.", type: "amount", near })).toBe(false);
  });

  it("tells whether a sentence states an answer of that type", () => {
    expect(statesType("Claims must be submitted within 60 days of the expense.", "duration")).toBe(true);
    expect(statesType("Claims go through the expenses app.", "duration")).toBe(false);
    expect(statesType("Plus costs £24.50 a month.", "amount")).toBe(true);
    expect(statesType("Switch plans during open enrolment, which closes on 30 November.", "date")).toBe(true);
    expect(statesType("Purchases above £10,000 need the Finance Director's approval.", "person")).toBe(true);
    expect(statesType("1. Stop the truck and remove the key.", "procedure")).toBe(true);
    expect(statesType("Multi-factor authentication means signing in with two factors.", "definition")).toBe(true);
    expect(statesType("anything", "other")).toBe(false);
  });

  it("reads a percentage as an amount whatever follows it", () => {
    expect(statesType("Night work attracts a shift allowance of 12% of your basic rate.", "amount")).toBe(true);
    expect(statesType("The allowance is 12%.", "amount")).toBe(true);
    expect(statesType("The allowance is paid monthly.", "amount")).toBe(false);
  });

  it("takes two capitalised words for a name only where case says so", () => {
    expect(statesType("Escalations go to Keziah Abara within two hours.", "person")).toBe(true);
    expect(statesType("Work on roofs or mezzanine edges needs a permit to work.", "person")).toBe(false);
    expect(statesType("Issues permits to work and keeps the training records.", "person")).toBe(false);
    expect(statesType("Ask your line manager first.", "person")).toBe(true);
  });
});
