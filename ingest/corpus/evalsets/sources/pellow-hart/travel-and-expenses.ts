import type { EvalDocument } from "../types";

export const travelAndExpenses: EvalDocument = {
  file: "travel-and-expenses-policy.pdf",
  title: "Travel and Expenses Policy: UK and Ireland",
  owner: "Finance (expenses@pellowhart.example)",
  subject: "Booking travel, approval limits, mileage, meals, hotels, receipts, corporate cards and gifts",
  keywords: ["travel", "expenses", "mileage", "subsistence", "hotels", "receipts", "corporate card", "gifts"],
  version: "Version 5.0",
  effectiveDate: "2026-04-01",
  body: `
This policy explains how to book travel for practice business and how to claim back what you spend. It has one set
of rules for everyone, in sections 1 to 3 and 6 to 11, and two sets of allowances: section 4 applies to staff based
in our UK studios (Leeds, Bristol and Manchester), and section 5 to staff based in the Dublin studio. Your base
studio decides which section applies, wherever the trip takes you: a Dublin engineer visiting a site in Leeds claims
under section 5, in euro.

Claims are made in Claimline, the practice's expenses app. Finance pays approved claims with the next monthly
salary if they are approved by the 20th of the month.

# 1. Principles

- Spend the practice's money as carefully as you would your own. Choose the option that gives the best overall value,
counting your time, not simply the lowest fare.
- Only claim costs you actually incurred, wholly for practice business.
- Where a cost can be recharged to a client under the appoint~ment, code it to the project and mark it rechargeable
(section 8). Unrecovered expenses come straight off the project's profit.
- You may not approve your own claim, or a claim by someone you report to.

# 2. Booking travel

## 2.1 Trains and flights

Book trains and flights through Carrow Travel, our travel management company, on the online tool or by calling
555-0160. Book as early as you can; for flights, at least 14 days before you travel unless a client has asked you
to attend at short notice.
- Rail travel is standard class. First class is allowed when the journey is longer than 3 hours each way and you
need to work on the train, with your Project Director's approval in advance.
- Flights are economy. Premium economy is allowed for flights of more than 6 hours, with the approval of your
Studio Principal.
- Take the train rather than flying between Leeds, Manchester and London.

## 2.2 Taxis

Taxis are for journeys where public transport is not practical: when carrying models or drawings, when travelling
late at night, between 22:00 and 06:00, or to a site with no public transport. Use the practice account with
Northway Cars in the UK where you can.

## 2.3 Hire cars and pool cars

Each UK studio has two pool cars, booked through the Practice Manager. If no pool car is free, book a hire car
through Carrow Travel. Hire cars are small or medium category, and you should refuel them before return. Dublin
staff book hire cars through Carrow Travel; there are no pool cars in Dublin.

# 3. Who approves what

Every claim and every booking above the limits below needs approval before you commit to the cost. The same limits
apply in pounds in the UK and in euro in Dublin.

| Value of the claim or booking | Approved by |
|---|---|
| Up to 250 | your line manager |
| More than 250, up to 1,000 | the Project Director (for project costs) or line manager's manager |
| More than 1,000, up to 5,000 | the Studio Principal |
| More than 5,000 | the Finance Director |

Any travel outside the UK and Ireland needs the Finance Director's approval whatever the cost (see section 9).

[[pagebreak]]

# 4. Allowances for UK studios

This section applies to staff whose base studio is Leeds, Bristol or Manchester. Amounts are in pounds sterling.

## 4.1 Mileage in your own car

If you use your own car for practice business, claim per business mile:

| Vehicle | First 10,000 business miles in the tax year | Over 10,000 business miles |
|---|---|---|
| Car or van | 45p per mile | 25p per mile |
| Motorcycle | 24p per mile | 24p per mile |
| Bicycle | 20p per mile | 20p per mile |

Add 5p per mile for each colleague you carry on the same trip. Claim only the distance above your normal commute
when you travel from home to a site. Your car insurance must cover business use; the practice does not pay any
increase in premium.

## 4.2 Meals on day trips

When you are away from your base studio and from home on practice business for the day, you may claim what you
spend on meals, with receipts, up to:
- £10 if you are away for more than 5 hours;
- £25 if you are away for more than 10 hours.
You cannot claim a day-trip meal for a site visit in the same city as your base studio.

## 4.3 Overnight stays

Book hotels through Carrow Travel. The practice pays the room and breakfast, up to these rates per night:
•• London: £185 • Edinburgh, Oxford and Cambridge: £150 • anywhere else in the UK: £115.
You may also claim up to £35 for an evening meal, including soft drinks, with a receipt. Alcohol is not paid for,
except as client entertaining under section 10.

If you stay with friends or family instead of a hotel, you may claim £30 a night to cover a gift or meal for your
hosts, without a receipt.

## 4.4 Working away for longer

For a site posting of more than 4 weeks, the Studio Principal will agree a fixed weekly allowance with you in
writing, which replaces the rates above.

[[pagebreak]]

# 5. Allowances for the Dublin studio

This section applies to staff whose base studio is Dublin. Amounts are in euro.

## 5.1 Mileage in your own car

Business use of your own car is paid per kilometre, in bands that depend on the total business distance you have
driven in the calendar year:

| Total business distance this calendar year | Rate per km |
|---|---|
| Up to 1,500 km | 43 cent |
| 1,501 to 5,500 km | 51 cent |
| 5,501 to 25,000 km | 30 cent |
| Over 25,000 km | 25 cent |

There is no passenger supplement in Dublin. As in the UK, claim only the distance above your normal commute when you
travel from home to a site, and make sure your insurance covers business use.

## 5.2 Meals on day trips

When you are away from your base studio and from home for the day, you may claim, with receipts, up to:
- €15 if you are away for more than 5 hours;
- €35 if you are away for more than 10 hours.

## 5.3 Overnight stays

The practice pays the room and breakfast, up to these rates per night:
•• Dublin city: €200 • Cork, Galway and Limerick: €160 • anywhere else in Ireland: €130 • in the UK: the UK rate
in section 4.3, converted at the rate on the day.
You may claim up to €45 for an evening meal with a receipt. If you stay with friends or family, you may claim €35 a
night without a receipt.

## 5.4 Working away for longer

For a site posting of more than 4 weeks, the Studio Principal will agree a fixed weekly allowance with you in
writing, in line with Revenue's rules on subsistence.

# 6. Making a claim

1. Photograph each receipt in Claimline when you get it, and keep the paper receipt until the claim is paid.
2. Enter the project number and stage, or your studio's overhead code for non-project costs.
3. Submit the claim within 60 days of spending the money. Claims older than 90 days are not paid, except in
circum~stances the Finance Director agrees.
4. Your approver (section 3) has 5 working days to approve or query it.

If you have lost a receipt for an item of up to 25 (pounds or euro), complete the lost-receipt declaration in
Claimline. For anything more, ask the supplier for a copy; without one, the claim will be refused. You may use the
lost-receipt declaration no more than three times in a year.

# 7. Corporate cards

Corporate cards are issued to Associates and above, and to other staff who travel often, on request from their
Studio Principal.
- Use the card only for practice business. Personal spending on the card, even if you pay it back, is a
disciplinary matter.
- You may not withdraw cash with the card.
- Reconcile each month's transactions in Claimline, with receipts, by the 5th working day of the next month. If you
miss two months in a row, the card is suspended.
- If the card is lost or stolen, call the card issuer on the number on the back straight away, then tell Finance.

# 8. Client rechargeable expenses

Many of our appointments let us recharge some costs to the client, such as printing, travel beyond an agreed radius
or specialist site surveys. Check the fee schedule with your Project Architect before you incur the cost. In
Claimline, code the item to the project and tick "rechargeable"; Finance adds it to the next invoice. Keep the
receipt: clients may ask to see it.

# 9. Travel outside the UK and Ireland

All travel outside the UK and Ireland needs the Finance Director's approval before you book, whatever the cost.
Before you go:
- register the trip with Carrow Travel so we know where you are;
- check the practice's travel insurance summary on the Intranet, which covers business trips of up to 31 days;
- tell the Service Desk at least 5 working days ahead if you are taking a laptop (IT Acceptable Use Policy, 11.3);
- for a country the Foreign Office or the Department of Foreign Affairs advises against all but essential travel
to, also get the written approval of the Managing Partner.

Meals and hotels abroad are paid at reasonable cost, with receipts; there are no fixed rates.

# 10. Entertaining, gifts and hospitality

## 10.1 Entertaining clients

Entertaining a client or consultant needs your Project Director's approval in advance. Spend up to £60 per head in
the UK, or €70 per head in Ireland, including drinks. Record the names and organisations of everyone present on the
claim.

## 10.2 Gifts and hospitality you receive

You may accept small gifts and hospitality from clients, contractors and suppliers, such as a diary, a bottle of
wine at Christmas or a working lunch, without telling anyone.
- Anything worth more than £50 (or €60) must be entered in the gifts and hospitality register on the Intranet within
5 working days.
- Anything worth more than £200 (or €230) may be accepted only with your Studio Principal's approval.
- Never accept cash, vouchers or any gift from a company that is bidding for work with us, or while you are
assessing a tender.

# 11. Worked examples

=A Leeds engineer at a site in Sheffield= leaves the studio at 07:30 and is back at 18:30, 11 hours away. She claims
lunch and a sandwich totalling £21.40 (under the £25 limit for more than 10 hours) and 68 miles at 45p, £30.60.

=A Dublin architect visiting Galway= stays one night. The hotel is €172, so €160 is paid (the Galway rate) and the
remaining €12 is hers. Her evening meal of €38 is paid in full.

=A Bristol technician who has driven 9,800 business miles= this tax year drives 400 miles to a site visit and back.
The first 200 miles are paid at 45p and the remaining 200 at 25p: £90 plus £50, £140.
`,
};
