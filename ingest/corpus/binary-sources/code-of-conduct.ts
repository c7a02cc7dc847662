import type { BinaryDocument } from "./types";

export const codeOfConduct: BinaryDocument = {
  path: "everyone/hr/code-of-conduct.pdf",
  title: "Code of Conduct",
  owner: "People Team and Legal (conduct@quillfeather.example)",
  effectiveDate: "2026-01-01",
  subject: "How we behave with each other, our customers and our partners",
  keywords: ["policy", "hr", "conduct", "ethics"],
  body: `
# Code of Conduct

This Code of Conduct applies to everyone who works for or on behalf of Quillfeather Labs: employees, contractors,
interns and members of the board. It describes the behaviour we expect of each other and the standards our customers,
who trust us with their financial documents, are entitled to expect. The Code does not cover every situation. When it
is silent, ask yourself whether you would be comfortable seeing your decision described to a colleague you respect, or
in the news, and ask for help if you are unsure.

## 1. Our commitments

- We treat everyone with respect and dignity.
- We are honest with customers, colleagues, investors and authorities.
- We protect customer data as if it were our own.
- We comply with the law everywhere we operate.
- We speak up when something seems wrong, and we never retaliate against people who do.

## 2. Respect at work

Quillfeather does not tolerate harassment, bullying, discrimination or victimisation of any kind, whether in the
office, online, at company events or on business travel. This includes unwelcome comments about someone's appearance,
age, disability, ethnicity, gender, gender identity, pregnancy, religion, sexual orientation or any other personal
characteristic; offensive jokes or images; intimidation; and unwanted physical contact. It applies to behaviour towards
customers, suppliers and candidates, not only colleagues.

Managers must act on any concern raised with them, and must inform the People Team within 2 working days of a
complaint of harassment or discrimination. Everyone completes the Respect at Work training within their first week and
every two years after that.

## 3. Conflicts of interest

A conflict of interest arises when your personal interests, or those of a close friend or family member, could
influence - or appear to influence - your decisions at work. Examples: owning a stake in a supplier or competitor;
hiring or managing a relative or partner; taking a second job with a customer, supplier or competitor; or using
company information for a personal investment.

You must disclose any actual or potential conflict within 30 days of it arising, using the declaration form in
Hearth. Most conflicts can be managed once they are known. Failing to disclose one is itself a breach of this Code.
Outside employment and board positions need your manager's and the People Team's approval before you accept them.

## 4. Gifts, hospitality and anti-bribery

We win business on the merits of Ledger, never through bribes or improper favours.

- You may give or accept gifts and hospitality only if they are modest, occasional, and could not be seen as
  influencing a business decision.
- The limit is $100 in value per gift or event. Anything above $100 needs written approval from Legal
  (legal@quillfeather.example) before you accept or give it.
- Never give or accept cash, gift cards or other cash equivalents, whatever the value.
- Never offer anything of value to a public official without Legal's prior approval.
- Facilitation payments (small payments to speed up routine government actions) are prohibited.
- Record all gifts and hospitality above $50, given or received, in the gifts register in Hearth within 10 days.
- During an active procurement or contract negotiation, do not accept any gift or hospitality from the other party.

## 5. Protecting information

- Follow the Data Classification Policy and the Acceptable Use Policy. Customer Data in Ledger is Restricted.
- Never access customer workspaces without a business reason recorded in a support ticket or an approved change.
- Do not discuss confidential company matters in public places or on social media.
- Keep other companies' confidential information confidential, including information from former employers.
- Do not trade in the securities of any customer, supplier or partner using non-public information you learned
  through your work.

## 6. Fair competition and honest selling

Do not agree with competitors on prices, customers or territories, and do not exchange competitively sensitive
information with them, even informally at events. Describe Ledger accurately: never promise features that do not exist,
service levels that differ from the contract, or certifications we do not hold. Comparisons with competitors must be
fair and based on facts.

## 7. Company assets and records

Use company money, equipment and time responsibly. Keep accurate records: expense claims, timesheets, sales bookings
and financial reports must be complete and truthful. Never create false or misleading records, and never destroy
records that are subject to a legal hold.

## 8. Health, safety and wellbeing

Report hazards and accidents to facilities@quillfeather.example. Do not work under the influence of alcohol or drugs.
Alcohol at company events is optional and must be consumed responsibly; non-alcoholic options are always provided.

## 9. Social media and public statements

Only authorised spokespeople speak for Quillfeather in public. Press and analyst enquiries go to
press@quillfeather.example. On personal social media, make clear your views are your own, and never share
confidential information or customer names without the customer's written consent.

## 10. Speaking up

If you see or suspect a breach of this Code, the law or our policies, raise it. You can:

- talk to your manager or your manager's manager;
- contact the People Team at people@quillfeather.example;
- write to the Ethics Committee at conduct@quillfeather.example; or
- use the independent ethics line on +1 555-0163 or its web form, where you can report anonymously, 24 hours a
  day, in 12 languages.

The Ethics Committee (General Counsel, Chief People Officer and an independent board member) acknowledges every report
within 5 working days and tells the reporter the outcome, where it can, within 60 days.

## 11. No retaliation

Quillfeather will not tolerate retaliation against anyone who raises a concern in good faith or takes part in an
investigation, even if the concern turns out to be unfounded. Retaliation is a serious disciplinary offence. Knowingly
making a false report is also a disciplinary matter.

## 12. Consequences

Breaches of this Code may lead to disciplinary action up to and including dismissal, and, where the law has been
broken, to referral to the authorities. Managers who ignore breaches they know about are also accountable.

## 13. Acknowledgement

Everyone confirms in Hearth that they have read this Code when they join and again every January. The Code is reviewed
each year by Legal and the People Team and approved by the board.

| Version | Date | Change |
|---|---|---|
| 2024.1 | 1 January 2024 | Gifts limit set at $75; ethics line introduced |
| 2025.1 | 1 January 2025 | Social media section added |
| 2026.1 | 1 January 2026 | Gifts limit raised to $100; gifts register threshold $50; conflicts disclosure within 30 days |
`,
};
