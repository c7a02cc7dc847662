import type { EvalDocument } from "./types";

export const depotHealthAndSafety: EvalDocument = {
  file: "depot-health-and-safety-manual.pdf",
  title: "Depot Health and Safety Manual",
  owner: "Health, Safety and Environment (safety@marrowby.example)",
  subject: "Site rules, equip~ment, driving, accidents, first aid, fire and emergency arrangements at Marrowby depots",
  keywords: ["health and safety", "depot", "forklift", "fire", "first aid", "accidents", "drivers"],
  version: "Version 7.2",
  effectiveDate: "2025-11-03",
  body: `
Every year in our industry, people are killed or seriously hurt by moving vehicles, falling loads and lifting
injuries. Nobody at Mar~rowby should go home hurt. This manual sets out the rules that keep our depots safe; they
apply to employees, agency workers, contractors, visiting drivers and visitors alike. Where a rule in this manual
and a local site rule differ, follow the stricter one.

Safety is everyone's job. You have the right, and the duty, to stop any work that you believe is unsafe, without
fear of blame.

> Margaret Hollis, Chief Executive, and Daniel Arkwright, Head of Health, Safety and Environment

[[contents]]

# 1. Definitions

[[columns]]
=MHE= mechanical handling equip~ment: counterbalance forklifts, reach trucks, powered pallet trucks, order pickers
and yard shunters.

=Near miss= an event that did not cause injury or damage but could have, such as a pallet falling into an empty
walkway.

=Dangerous occurrence= a serious event listed by the regulator that must be reported even if nobody was hurt, for
example the collapse of racking.

=Competent person= someone with the training, experience and authority to carry out a task or inspection safely.

=Pedestrian zone= an area marked in green where vehicles and MHE must not enter while people are present.

=Permit to work= a written authori~sation, issued by the Site Safety Coordinator, needed before high-risk work such as
work on roofs, hot work or entering the compactor.

=Lone worker= anyone who works without close or direct super~vision, for example a night security patrol or a driver
making a delivery at night.

=SafeLog= the online system used to record accidents, near misses and hazards, available on every depot terminal
and on the SafeLog app.
[[/columns]]

# 2. Roles and responsibilities

@ Depot Manager
- Has overall responsi~bility for health and safety at the depot.
- Makes sure risk assessments are in place and reviewed every year, or sooner after an accident.
- Chairs the monthly depot safety meeting.

@ Site Safety Coordinator
- Advises the Depot Manager and supervisors on safety, and carries out a site inspection every week.
- Investigates accidents and near misses and records the findings in SafeLog.
- Issues permits to work and keeps the depot's training records.

@ Shift Supervisor
- Briefs the shift on hazards at the start of each shift and checks that pre-use checks are done.
- Is the first person to tell about an accident, near miss or hazard.
- Stops any unsafe activity straight away.

@ Fire Warden
- Checks their area is clear during an evacuation and reports to the assembly point controller.
- Carries out a monthly check of fire doors, exits and extinguishers in their area.

@ First Aider
- Gives first aid until professional help arrives and records every treatment in SafeLog.
- Checks the contents of their first aid kit every month.

@ Safety Representative
- Is elected by employees to represent them on health and safety.
- Takes part in inspections and accident investigations, and may raise concerns directly with the Depot Manager.

# 3. Site rules

## 3.1 Moving around the site

Vehicles and people must be kept apart. Use the marked pedestrian walkways and crossing points at all times, and
never walk behind a reversing vehicle. The speed limit is 10 mph on site roads and 5 mph in the yard, loading bays
and inside the warehouse. Yard shunters must use their amber beacons at all times.

## 3.2 Personal protective equip~ment

Mar~rowby provides the protective equip~ment you need free of charge and replaces it when it is worn or damaged. The
minimum in every operational area is a high-visibility vest and safety boots. Other items depend on the task:

•• Gloves when handling pallets, strapping or cages • Hard hat in the racking aisles during high-level picking •
Hearing protection in the compactor and baler area • Safety glasses in the battery charging area • Cut-resistant
gloves when opening cartons with a blade

Drivers must wear high-visibility clothing and safety boots whenever they leave the cab on any site, including
customer sites.

## 3.3 Visitors and contractors

Visitors sign in at reception, receive a visitor badge and a safety briefing, and are escorted at all times in
operational areas. Contractors must have an approved risk assessment and method statement before they start work,
and high-risk work needs a permit to work.

## 3.4 Mobile phones

Phones must not be used while walking on the yard, while operating MHE, or while driving, even hands-free. Make and
take calls only in the offices, canteen or marked phone zones.

[[pagebreak]]

# 4. Mechanical handling equipment

## 4.1 Who may operate MHE

Only employees who hold a Mar~rowby MHE authori~sation for the type of truck may operate it. Authorisation follows
accre~dited training and an assessment by a Mar~rowby instructor. Operators must complete refresher training every 3
years, and sooner after an accident or if an observation shows unsafe driving. Agency operators must show their
licence to the Shift Supervisor and complete a Mar~rowby assessment before their first shift.

## 4.2 Pre-use checks

Before the first use on every shift, the operator carries out the pre-use check on the truck's checklist: tyres,
forks, chains, hydraulics, brakes, steering, horn, lights, seat belt and battery or gas. The check is recorded on the
truck's tablet. If the truck fails any item:

1. Do not use it. Park it safely with the forks lowered and the key removed.
2. Attach a red DO NOT USE tag to the steering wheel.
3. Report the defect to the Shift Supervisor and record it in SafeLog.
4. The truck may be used again only after an engineer has repaired it and signed the tag off.

## 4.3 Operating rules

Always wear the seat belt. Carry loads with the forks low, about 15 cm above the floor, and tilted back. Never carry
passengers, never lift people on the forks, and never leave a truck with the forks raised. Sound the horn at
junctions, doorways and blind corners.

# 5. Manual handling

Use the mechanical aids provided whenever you can. Before lifting, check the weight and your route. As a depot rule,
no one person lifts more than 20 kg on their own: loads above 20 kg need a team lift or mechanical aid. Cages and
roll containers must be pushed, not pulled, and no more than two at once.

Good lifting technique: •• Plan the lift and clear the route • Stand close to the load, feet apart • Bend your
knees, not your back • Keep the load close to your waist • Do not twist; move your feet instead

Tell your Shift Supervisor about any back, shoulder or wrist pain before it becomes an injury. Early referral to
physio~therapy is avail~able through the Occupa~tional Health service.

# 6. Loading bays and vehicles

## 6.1 Before loading or unloading

1. The driver reverses onto the bay using the guide lines, applies the parking brake and switches off the engine.
2. The driver hands the keys to the bay marshal (or places them in the key safe) and waits in the drivers' lounge
until loading is finished.
3. The dock leveller is lowered only when the vehicle restraint shows a green light.
4. Loading starts only when the trailer has been checked for damaged floors and loose loads.

## 6.2 Coupling and uncoupling trailers

Trailers are coupled and uncoupled only by drivers trained in the Mar~rowby coupling procedure. Always use the trailer
parking brake and check the fifth wheel lock with a tug test before moving off.

[[pagebreak]]

# 7. Driver safety

## 7.1 Driving hours

Drivers must follow the legal limits on driving time and the Mar~rowby rules, which are stricter in some cases. The
Transport Planner plans routes within these limits, but every driver is responsible for not exceeding them.

| Rule | Limit |
|---|---|
| Daily driving | 9 hours, extended to 10 hours no more than twice a week |
| Break | 45 minutes after no more than 4.5 hours of driving (may be split 15 + 30 minutes) |
| Daily rest | at least 11 hours (may be reduced to 9 hours three times between weekly rests) |
| Weekly driving | 56 hours, and no more than 90 hours in any two weeks |
| Marrowby rule: night deliveries | no more than 8 hours of driving on a shift that includes any driving between midnight and 05:00 |

## 7.2 Vehicle checks

Before every journey, carry out a walk-round check of the vehicle and trailer, which normally takes about 15 minutes,
and record it on the in-cab tablet. Report any defect straight away; a vehicle with a defect that affects safety must
not leave the depot.

## 7.3 Fatigue, phones and reversing

If you feel tired, stop somewhere safe and rest, and tell the Transport Planner; you will never be disciplined for
stopping because you were tired. Phones must not be used while driving, even hands-free. When reversing on a customer
site without a banksman, get out and look before you reverse.

# 8. Accidents, near misses and hazards

## 8.1 What to do after an accident

1. Make the area safe if you can do so without putting yourself at risk; stop any vehicles and MHE nearby.
2. Call a first aider (the names are on every notice board), or 999 for a serious injury.
3. Tell your Shift Supervisor straight away.
4. Do not move anything involved in a serious accident unless it is needed to help someone or to make the area safe.
5. Record the accident in SafeLog before the end of the shift, and in any case within 24 hours.
6. The Site Safety Coordinator investi~gates, with the Safety Representative, and shares what was learned at the next
shift briefing.

## 8.2 Serious injuries and reporting to the regulator

The Site Safety Coordinator must tell the Health, Safety and Environment team within 1 hour of any serious injury,
dangerous occurrence or road traffic collision involving a Mar~rowby vehicle. The HSE team reports to the regulator
where the law requires: fatal and specified injuries without delay, and injuries that keep someone off normal work
for more than 7 days within 15 days of the accident.

## 8.3 Near misses and hazards

Report a near miss or hazard to your Shift Supervisor and record it in SafeLog during the same shift. Every depot has a
target of at least ten near-miss reports for each accident, because near misses show us where the next accident will
happen.

# 9. First aid

Each depot has at least one trained first aider for every 50 people on each shift, and at least one on every shift
however small. First aid kits are in the warehouse, the transport office and the canteen; a defibrillator is kept at
reception and in the goods-in office. Every company vehicle carries a first aid kit, which the driver checks during
the walk-round check.

[[pagebreak]]

# 10. Fire and emergencies

[[columns]]
## 10.1 If you discover a fire

1. Raise the alarm by breaking the glass at the nearest call point.
2. Call 999 from a safe place and give the depot address.
3. Tackle the fire only if it is small, you have been trained, and you have a clear way out.
4. Leave by the nearest exit, closing doors behind you.
5. Go to your assembly point and report to the assembly point controller.

## 10.2 When the alarm sounds

Stop work, make machinery safe if it takes only seconds, and leave by the nearest exit. Do not stop to collect
belongings. Do not go back inside until the assembly point controller or the fire service says it is safe.

## 10.3 Alarm tests and drills

The fire alarm is tested every Wednesday at 11:00; the test lasts under a minute and you do not need to leave.
Evacuation drills are held at least twice a year for each shift pattern, including night shifts.

## 10.4 Fire wardens

Each depot appoints at least one fire warden for every 40 people on a shift. Fire wardens wear orange vests in an
evacuation and check their area is clear.

## 10.5 Battery charging

Charge MHE batteries only in the charging area, which must be kept clear of stored goods. Wear safety glasses and
gloves when topping up batteries. No smoking or naked flames within 5 metres.

## 10.6 Bomb threats and suspicious packages

Do not touch or move a suspicious package. Clear the area, tell the Depot Manager and call 999. Anyone who takes a
threatening call should keep the caller talking and note what they say.
[[/columns]]

# 11. Lone working

Lone workers must have a lone worker device or the SafeCall app, and must check in at least every 60 minutes. If a
check-in is missed, the monitoring centre calls the worker and, after 15 minutes without an answer, calls the named
Shift Supervisor or manager on call. Lone workers must not carry out high-risk work, such as working at height or
operating MHE, while alone.

# 12. Working at height

Never climb racking or stand on pallets, forks or cages. Use the mobile steps or order pickers provided. Ladders are
for short-duration work only, must be inspected before each use, and must be tagged with the date of their last
formal inspection, which is every 6 months. Work on roofs, trailers' roofs or mezzanine edges needs a permit to work.

# 13. Health and welfare

## 13.1 Temperature

Warehouses are kept at a minimum of 13 °C where physical work is done, except in the chilled areas. Staff working
in chilled areas receive thermal jackets, gloves and hats, and a 10-minute warm-up break at least every 2 hours.

## 13.2 Health surveillance

Employees who work in the compactor and baler area have a hearing test when they start and then every 2 years.
Night workers are offered a free health assessment every year. Drivers must tell the Transport Planner
straight away about any medical condition or medication that could affect their driving.

## 13.3 Welfare facilities

Every depot provides drinking water, toilets, a canteen with a microwave and fridge, and a drivers' lounge for
visiting drivers. Keep them clean; report faults to reception.

# 14. Document control

| Version | Date | Change |
|---|---|---|
| 6.0 | 1 May 2023 | Manual combined for all four depots |
| 7.0 | 2 December 2024 | Lone working check-in reduced to 60 minutes |
| 7.1 | 7 April 2025 | Night-delivery driving limit added |
| 7.2 | 3 November 2025 | Manual handling limit changed to 20 kg; fire warden ratio added |
`,
};
