import type { EvalDocument } from "../types";

export const itAcceptableUse: EvalDocument = {
  file: "it-acceptable-use-policy.pdf",
  title: "IT Acceptable Use Policy",
  owner: "Digital Services (servicedesk@pellowhart.example)",
  subject: "Rules for using Pellow Hart computers, accounts, design software, storage, email and AI tools",
  keywords: ["it", "acceptable use", "passwords", "mfa", "laptops", "licences", "storage", "phishing", "ai"],
  version: "Version 3.4",
  effectiveDate: "2026-03-16",
  body: `
This policy sets out how you may use the practice's computers, accounts, software and networks. It applies to every
member of staff, freelancer, contractor and placement student with a Pellow Hart account, wherever they work: in a
studio, at home, on site or travelling. Digital Services runs the practice's IT from the Leeds studio, with an
engineer based in each of the other studios.

If you break this policy, your access may be suspended and the matter may be dealt with under the disciplinary
procedure in the Staff Handbook.

# 1. Getting help

The Service Desk is open 08:00 to 18:00, Monday to Friday, on 555-0142 or at servicedesk@pellowhart.example. Outside
those hours, the out-of-hours line (555-0149) takes calls about lost or stolen devices and suspected security
incidents only. Log everything else as a ticket in the Service Portal.

Tickets are handled by priority:

| Priority | What it means | Example | Response within | Target fix |
|---|---|---|---|---|
| P1 Critical | A whole studio or a practice-wide system is down, or a security incident | Vault unavailable, ransomware warning | 30 minutes | 4 hours |
| P2 High | A team cannot work, or one person cannot meet a deadline today | plotter down on an issue day | 2 hours | 1 working day |
| P3 Normal | One person affected, with a workaround | slow laptop, a missing font | 1 working day | 3 working days |
| P4 Request | New software, access or equipment | a Rhino licence, a second screen | 2 working days | 10 working days |

# 2. Accounts and passwords

Your account is yours alone. Never share your password or approve a sign-in prompt that you did not start, even for
a colleague who says it is urgent.

- Use a passphrase of at least 14 characters, such as four unrelated words. You do not have to change it on a
schedule, only when Digital Services asks you to or if you think someone else knows it.
- Do not use your practice passphrase on any other website or service.
- Multi-factor authentication (MFA) is required for every account. Use the Microsoft Authenticator app on your
phone; if you cannot use a phone, the Service Desk will issue a hardware key.
- If you get a new phone, move Authenticator before you reset the old one. If you lose access to MFA, call the
Service Desk; they will verify you by video call before resetting it.

# 3. Laptops, phones and other devices

## 3.1 Practice laptops

Everyone is issued a practice laptop; design staff receive a workstation-class laptop able to run Revit and Rhino.
Laptops are encrypted and managed by Digital Services.
•• lock your screen whenever you leave it (Windows key + L); it locks itself after 5 minutes • never leave a laptop
in a car overnight, or visible in a car at any time • carry it as hand luggage when you fly • do not lend it to
family or friends • keep it connected to the network at least once a week so it receives updates.

## 3.2 Personal phones and tablets

You may read practice email and Teams on a personal phone or tablet only if you enrol it in Company Portal, which
keeps practice data in a protected container that can be wiped remotely without touching your own photos and apps.
Personal laptops and home computers may not be used for practice work, except through the web versions of Outlook
and Teams with downloads blocked.

## 3.3 Site tablets

Each studio has a pool of rugged site tablets for inspections and snagging. Book them through the Practice Manager,
return them the next working day, and upload site photos to the project's Vault folder before you hand the tablet
back.

## 3.4 Leaving the practice

Return your laptop, site equipment and any hardware key on your last day. Your account is disabled at 17:30 on your
last day; your mailbox and OneDrive are kept for 90 days, then deleted.

# 4. Software and licences

## 4.1 Installing software

Install software only from Software Centre. If what you need is not there, raise a P4 request in the Service Portal;
Digital Services will check the licence terms and security before approving it. Do not install browser extensions,
free trials or plug-ins from the internet, including Revit and Rhino add-ins.

## 4.2 Design software licences

Revit, AutoCAD, Rhino, Tekla, Enscape and the analysis suites are licensed from shared pools, and a licence left
open is a licence a colleague cannot use.
- Close the application at the end of the day; idle licences are released automatically after 2 hours.
- If you need a licence while offline, for example on site without a connection, borrow it for up to 14 days
through the licence manager. Longer borrowing needs the BIM Manager's approval.
- Educational and personal licences may never be used for practice work, even to open a drawing quickly.

# 5. Where to keep files

Project information belongs in the Vault, the practice's Common Data Environment, not on your laptop. The table sets
out where each kind of information should be kept.

| Information | Where to keep it | Not allowed |
|---|---|---|
| Live project models and drawings | the project's Vault workspace | local drive, OneDrive, USB sticks |
| Issued drawings and transmittals | the Vault "Issued" area, through the Issue Register | email folders |
| Client Confidential documents | the restricted folder in the project's Vault workspace | OneDrive, Teams chats |
| Secured project information | the Secured Vault only, on a Secured laptop | anywhere else, including email |
| Your own notes and drafts | your OneDrive | USB sticks |
| Practice-wide documents and templates | the Intranet and Teams | local drive |

USB sticks and external drives are blocked, except the encrypted drives Digital Services issues for a specific
purpose, such as sending a model to a contractor with no internet access. Ask the Service Desk for one.

# 6. Email, Teams and sending files

## 6.1 Email

Check the recipients before you send; autocomplete is the most common cause of information going to the wrong
person. Use the "Client Confidential" label in Outlook for confidential messages; it stops them being forwarded
outside the practice. Do not set up automatic forwarding to a personal address.

## 6.2 Sending large files

Email attachments are limited to 25 MB. For anything bigger, or for models and drawing sets, use HartShare, the
practice's file transfer service. HartShare links expire after 30 days unless you set a shorter time, and you can
see when each file was downloaded. Do not use personal file-sharing services such as WeTransfer or Dropbox for
practice information.

# 7. Personal use

Reasonable personal use of the internet and email is allowed in your own time, for example at lunch, if it does not
interfere with your work or anyone else's. You must not use practice equipment or networks to:
- view, download or send offensive, sexual, violent or discriminatory material;
- stream or download films, games or music for personal use, or run file-sharing software;
- run a business, mine cryptocurrency or gamble;
- store personal photos, music or videos on practice storage.

# 8. AI tools

Generative AI can speed up writing and research, but anything you type into a public tool may be kept and used by
its provider.
- Microsoft Copilot, signed in with your practice account, is approved for practice work, including project
information up to Client Confidential.
- Public AI chat tools may be used only for general questions that include no client, project or personal
information.
- Never put Secured project information into any AI tool, including Copilot.
- AI image generators may be used for early concept imagery only, with your Project Director's approval and never
with client-supplied photographs or drawings. AI-generated images must be labelled as such in any presentation.
- You remain responsible for checking anything an AI tool produces, especially calculations and references to
standards.

# 9. If a device is lost or stolen

Speed matters: a lost laptop can be wiped remotely, but only while nobody has had time to copy what is on it.
1. Call the Service Desk on 555-0142 (out of hours, 555-0149) within 1 hour of noticing, even if you think the
device might turn up.
2. Tell them what was lost, where and when, and whether it held any Secured or Client Confidential information.
3. If it was stolen, report it to the police (in Ireland, the Garda) within 24 hours and send the crime reference
number to the Service Desk.
4. Change your passphrase from another device if the Service Desk asks you to.
5. Digital Services will wipe the device remotely and issue a loan laptop, normally the next working day.

You will not be disciplined for losing a device if you report it promptly. Failing to report a loss is a
disciplinary matter.

# 10. Suspicious emails and phishing

If an email looks wrong (an unexpected invoice, a shared drawing you were not expecting, a request to change bank
details, an urgent request from a Partner to buy gift cards), do not click any link or open any attachment. Use the
"Report Phish" button in Outlook, which sends it to Digital Services and removes it from your inbox.

If you have already clicked a link or entered your passphrase:
1. Disconnect from the network: turn off Wi-Fi or unplug the network cable.
2. Call the Service Desk straight away on 555-0142 and say you may have fallen for a phishing email. This is a P1.
3. Do not switch the laptop off; Digital Services may need to examine it.
4. Change your passphrase from another device when the Service Desk tells you to.

[[pagebreak]]

# 11. Working away from the studio

[[columns]]

## 11.1 At home

Work in a place where others cannot overlook your screen or overhear calls about confidential projects. Keep your
laptop out of reach of children and pets, and do not print practice documents at home.

## 11.2 On public Wi-Fi

On any network other than the studios' own, for example at a hotel, café, train or client office, connect to
HartConnect, the practice VPN, before you open anything else. HartConnect starts automatically on most networks;
if it does not, start it from the system tray. Never use a public computer, such as a hotel business centre PC,
for practice work.

## 11.3 Abroad

Tell the Service Desk at least 5 working days before you travel outside the UK and Ireland with a practice laptop
so that sign-ins from abroad are not blocked. Some countries restrict encrypted devices; Digital Services may give
you a clean loan laptop instead. Secured project information may never be taken outside the UK and Ireland.

## 11.4 Video calls

Use Teams for calls with clients and consultants. Use a background blur when you are working from home, and check
that no drawings or whiteboards are visible behind you when calling from a studio.

[[/columns]]

# 12. Monitoring

To keep our systems safe, Digital Services records sign-ins, web traffic, email metadata and the use of USB
devices, and scans files for malware. We do not routinely read the content of your email or files. Content is looked
at only when there is a security incident, a legal requirement or a disciplinary investigation, and then only with
the written approval of the Practice Director and the People Director together.
`,
};
