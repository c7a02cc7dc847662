import type { EvalDocument } from "./types";

export const informationSecurityPolicy: EvalDocument = {
  file: "information-security-policy.pdf",
  title: "IT and Information Security Policy",
  owner: "Information Security, IT Services (security@marrowby.example)",
  subject: "Acceptable use, accounts, devices, data handling and security incident reporting",
  keywords: ["it", "security", "passwords", "devices", "phishing", "data classification", "incidents"],
  version: "Version 3.4",
  effectiveDate: "2026-02-02",
  body: `
# Section 1 — Purpose and scope

Mar~rowby Logistics depends on its systems every minute of the day: the transport management system that plans our
routes, the warehouse system that tells pickers where to go, the handheld scanners that prove delivery, and email and
Teams that connect all of us. A single compromised account can stop a depot. This policy sets out the rules everyone
must follow to keep those systems and the information in them safe.

The policy applies to all employees, agency workers, contractors and anyone else who uses a Mar~rowby account, device
or network, wherever they are working. It covers company laptops, desktop PCs, shared depot terminals, handheld
scanners, in-cab tablets, company mobile phones and any personal device used to reach Mar~rowby email or Teams.

Breaking this policy may lead to disciplinary action and, where the law has been broken, to the matter being reported
to the police. If you are unsure whether something is allowed, ask the IT Service Desk before you do it.

# Section 2 — Definitions

=Information asset= any system, device or set of information that has value to Marrowby, such as the customer
order history, a depot's staff rota or the payroll database.

=Personal data= information about an identifiable living person: a driver's licence details, a customer contact's
phone number, an employee's address.

=Security incident= anything that has harmed, or could harm, the confidentiality, integrity or availability of our
information or systems, including a lost device, a suspicious email that was clicked, or information sent to the
wrong person.

=Multi-factor authentication (MFA)= signing in with something you know (your passphrase) and something you have (the
Authenticator app on your phone, or a security key).

=Privileged account= an account with adminis~trator rights over a system or device. Privileged accounts are separate
from everyday accounts and are named with the prefix adm-.

=Removable media= USB sticks, external hard drives, memory cards and any other storage that can be plugged into a
device.

=Information Asset Owner= the senior manager account~able for an information asset, who decides who may have access
to it.

# Section 3 — Roles and responsibilities

@ Chief Information Security Officer (CISO)
- Owns this policy and reviews it every year.
- Approves exceptions to the policy, including temporary use of removable media.
- Leads the response to critical (P1) incidents and decides when the Board must be told.

@ IT Service Desk
- Is the single point of contact for security reports, 24 hours a day, on 555-0142 or servicedesk@marrowby.example.
- Logs every report, gives it a severity and passes it to IT Security when needed.
- Resets passwords and MFA after checking the caller's identity.

@ Information Asset Owner
- Approves or refuses access requests to the asset they own.
- Reviews the list of people with access every six months.

@ Line managers
- Request access for new starters and movers, and ask for it to be removed when someone leaves or changes role.
- Make sure their team completes the annual security training.

@ Everyone
- Follows this policy, completes security awareness training every year, and reports anything suspicious straight
away.

# Section 4 — Accounts, passphrases and sign-in

## 4.1 Your account

Your account is personal to you. Never share your passphrase or let anyone else use your account, even a manager or
a colleague covering your shift. Everything done with your account is logged against your name. On shared depot
terminals, sign in by tapping your ID badge and entering your PIN; sign out or tap out whenever you walk away.

## 4.2 Passphrases

We use passphrases rather than short complex passwords. Your passphrase must:
- be at least 14 characters long (three or four random words work well);
- be different from any passphrase you use outside Mar~rowby;
- not contain your name, your username or the word Mar~rowby.

You do not have to change your passphrase on a schedule. You must change it immedi~ately if you think someone else
may know it, and the Service Desk will force a change if it appears in a known breach. After 10 failed sign-in
attempts your account is locked for 30 minutes; the Service Desk can unlock it sooner after checking your identity.

## 4.3 Multi-factor authentication

MFA is required for email, Teams, MyMarrowby and all remote access. Approve an MFA prompt only when you have just
tried to sign in yourself. If you receive a prompt you did not expect, deny it and report it to the Service Desk:
it means someone else knows your passphrase.

## 4.4 Locking your screen

Lock your screen (Windows key + L) whenever you leave your desk. Laptops lock automat~ically after 10 minutes without
use, and shared depot terminals after 3 minutes.

# Section 5 — Devices

## 5.1 Company devices

Company laptops and phones are encrypted and managed by IT Services. Do not remove the management software, disable
the antivirus or install unapproved software. Keep devices with you or locked away; never leave a laptop visible in a
vehicle. In-cab tablets and handheld scanners stay with the vehicle or depot and must be returned to their charging
racks at the end of each shift.

## 5.2 Personal devices

You may read Mar~rowby email and use Teams on your own phone or tablet only through the Outlook and Teams apps, after
enrolling the device in the company portal. Do not download Mar~rowby files to a personal device, forward work email
to a personal account, or take screenshots of customer or employee information.

## 5.3 If a device is lost or stolen

Act quickly: a lost device can expose customer and employee information.

1. Report the loss to the IT Service Desk on 555-0142 as soon as you notice, and in any case within 1 hour. The line
is staffed 24 hours a day.
2. Tell the Service Desk what the device was, when and where you last had it, and whether it contained any files
that are not stored in OneDrive or the company systems.
3. The Service Desk will lock and, if needed, wipe the device remotely. Do not wait to see if it turns up.
4. If the device was stolen, report it to the police and send the crime reference number to the Service Desk.
5. Tell your line manager. Depot devices (scanners and in-cab tablets) must also be reported to the Shift
Supervisor before the end of the shift.

> A replacement laptop is normally ready for collection from your site within 2 working days.

# Section 6 — Email, phishing and scams

Criminals target logistics firms with fake delivery notices, fake customer orders and invoices that change a
supplier's bank details. Be suspicious of any message that is unexpected, urgent, or asks you to sign in, open an
attachment, pay money or change payment details.

## 6.1 If you receive a suspicious email

- Do not click links, open attachments or reply.
- Use the Report Phish button in Outlook. This sends the message to IT Security and removes it from your inbox.
- If the message claims to come from a colleague or supplier, check with them by phone on a number you already know,
not one in the message.

## 6.2 If you clicked a link or entered your details

1. Disconnect the device from the network: turn off Wi-Fi or unplug the network cable. Do not switch it off.
2. Call the IT Service Desk on 555-0142 straight away and say you think you have clicked a phishing link.
3. If you entered your passphrase, change it from another device, or ask the Service Desk to reset it.
4. Write down what you clicked and when, and keep the email; the Service Desk will ask for it.

Nobody is disciplined for reporting a mistake promptly. Hiding one is a disciplinary matter.

## 6.3 Phishing simulations

IT Security sends simulated phishing emails every month. If you click the link in 3 simulations within 12 months,
you will be asked to complete a 30-minute refresher course within 14 days.

[[pagebreak]]

# Section 7 — Classifying and handling information

Every document and data set has one of four classifications. If something is not labelled, treat it as Internal.

| Classification | Examples | How to handle it |
|---|---|---|
| Public | published tariffs, job adverts, press releases | No restrictions |
| Internal | procedures, depot rotas, organisation charts | Marrowby staff and approved contractors only |
| Confidential | customer contracts, pay and HR records, any personal data | Share on a need-to-know basis; encrypt when emailed outside Marrowby; never to personal email |
| Restricted | board papers, acquisition plans, security keys and passwords | Named people only; encrypted at all times; sharing needs the Information Asset Owner's approval |

Print Confidential or Restricted information only when you must, collect it from the printer at once, and put it in
the locked confi~dential waste bins when you are done. Confidential and Restricted information must not be printed at
home.

# Section 8 — Removable media

USB storage devices are blocked on all Mar~rowby computers. If you have a business need to use one, for example to
load a file onto a piece of warehouse equip~ment, ask the Service Desk for an exception. The CISO may approve an
exception for a maximum of 30 days, and only using an encrypted USB stick issued by IT Services. Never plug in a USB
stick you have found; hand it to the Service Desk.

# Section 9 — Software, cloud services and AI tools

Install software only from the Company Portal. To request something that is not there, complete the software request
form on the Service Desk portal. Your line manager approves the business need, and IT Security reviews the software
within 5 working days. The same applies to free software, trial versions, browser extensions and cloud services that
you sign up to with your work email address.

Public generative AI tools, such as free chatbots, may be used for general questions and drafting, but you must never
paste Confidential or Restricted information into them, including customer names, order details, personal data or
our pricing. The approved AI assistant in Microsoft 365 may be used with Internal and Confidential information.

# Section 10 — Working away from the office

[[columns]]
## 10.1 Remote and hybrid working

The VPN connects automat~ically on company laptops. Work in a place where people cannot read your screen or overhear
confi~dential calls. Do not let family members use your company laptop.

## 10.2 Public Wi-Fi

Public Wi-Fi in stations, cafés and hotels may be used because the VPN protects your traffic, but never use a public
or shared computer to reach Mar~rowby systems. A company phone hotspot is preferred where the signal allows.

## 10.3 Travelling abroad

Tell the Service Desk at least 5 working days before taking a company device outside the UK, so it can be checked
and roaming enabled. Some countries need a loan device; the Service Desk will advise.

## 10.4 Video calls

Blur or replace your background on video calls, and check what can be seen on your screen before sharing it.
Recordings of calls with customers must be stored in the team's Teams channel, not on a laptop.
[[/columns]]

# Section 11 — Access management

Access to systems follows the principle of least privilege: you get the access your role needs and no more.

- Joiners: the line manager requests access through the starter form at least 5 working days before the start date.
- Movers: access to the old role's systems is removed when the new role begins; the new line manager requests what
is needed.
- Leavers: accounts are disabled at 17:00 on the last working day, or immedi~ately if the person is dismissed.
- Reviews: Information Asset Owners review access every six months. Privileged accounts are reviewed every three
months by the CISO's team.

# Section 12 — Reporting security incidents

Report every security incident, or anything you think might be one, to the IT Service Desk on 555-0142. The Service
Desk assigns a severity, which sets how quickly the incident must be escalated and who leads the response:

| Severity | Examples | Escalate within | Response led by |
|---|---|---|---|
| P1 Critical | ransomware; customer data stolen; transport system down at more than one depot | 15 minutes, by phone | CISO |
| P2 High | lost laptop or phone; an account known to be compromised; data sent to the wrong customer | 1 hour | IT Security Lead |
| P3 Medium | phishing link clicked but no details entered; malware blocked by antivirus | 4 hours | IT Service Desk |
| P4 Low | spam; a question about this policy | 2 working days | IT Service Desk |

Where an incident involves personal data, the Service Desk also informs the Data Protection Officer
(dpo@marrowby.example), who decides whether it must be reported to the Information Commissioner. Reportable breaches
must reach the regulator within 72 hours of Mar~rowby becoming aware of them, so never delay a report.

# Section 13 — Monitoring and privacy

Mar~rowby monitors the use of its systems to protect them: sign-ins, email filtering, web filtering and the location
of vehicles and in-cab tablets. Monitoring is proportionate and described in the Employee Privacy Notice on
MyMarrowby. Managers may not access an employee's mailbox without approval from People Services and the CISO.
Occasional personal use of email and the internet is allowed, provided it is reason~able, does not inter~fere with your
work and does not break any other part of this policy.

# Section 14 — Document control

| Version | Date | Change |
|---|---|---|
| 3.0 | 3 March 2025 | Passphrases replace 90-day password changes |
| 3.2 | 1 September 2025 | Section 9 added for generative AI tools |
| 3.3 | 10 November 2025 | Lost device reporting shortened to 1 hour |
| 3.4 | 2 February 2026 | Severity table updated; shared terminal lock time 3 minutes |

[[pagebreak]]

# Appendix A — Quick reference for depot staff

This page is printed as a poster for depot canteens and transport offices.

[[columns]]
## Do

- Tap out of shared terminals and scanners whenever you walk away.
- Return scanners and in-cab tablets to their charging racks at the end of your shift.
- Check any change to a delivery address or collection instruction by phoning the customer on the number in the
transport system.
- Report a lost scanner or tablet to your Shift Supervisor and the Service Desk before the end of the shift.
- Use the Report Phish button for anything suspicious.

## Do not

- Share your badge PIN or sign in for a colleague.
- Plug phones into scanners, terminals or in-cab tablets to charge them.
- Photograph delivery notes, customer premises or screens, except for proof of delivery in the scanner app.
- Let visitors or visiting drivers use depot terminals or the staff Wi-Fi; visitors use the Marrowby-Guest network.
- Install apps on in-cab tablets.
[[/columns]]

# Appendix B — Acceptable use

Marrowby systems are provided for work. You must not use them to:

•• access, store or send offensive, discriminatory or sexually explicit material • gamble or trade online • run a
personal business • download films, music or games • mine cryptocurrency • get round the web filter or security
controls • send chain letters or mass personal emails

The web filter blocks categories of sites that are not needed for work. If a site you need for work is blocked, ask
the Service Desk to review it; most reviews are completed within 1 working day. Streaming music and radio over the
depot Wi-Fi is not allowed because it slows the scanners.

Email sent from a Marrowby account is a company record and may be disclosed to customers, courts or regulators.
Write every email as if the person you are writing about might read it. Keep personal email and messages to a
minimum and never use a Marrowby address to sign up for personal accounts or shopping.
`,
};
