import type { BinaryDocument } from "./types";

export const devicePolicy: BinaryDocument = {
  path: "everyone/it/device-policy.docx",
  title: "Device and Endpoint Security Policy",
  owner: "Security & IT (security@quillfeather.example)",
  effectiveDate: "2026-02-01",
  subject: "Rules for company laptops, phones and personal devices",
  keywords: ["policy", "it", "security", "devices", "laptop"],
  body: `
# Device and Endpoint Security Policy

This policy covers the laptops, phones, security keys and other devices used for Quillfeather Labs work. Laptops are
the front door to our customers' financial documents, so every device that touches company data must meet the
standards below.

## Company laptops

Every employee receives a company laptop (macOS or Linux, chosen at onboarding). It is configured by IT and enrolled
in device management before you receive it.

| Control | Requirement |
|---|---|
| Full-disk encryption | Always on; recovery keys escrowed with IT |
| Screen lock | Automatic after 5 minutes of inactivity; lock manually whenever you step away |
| Operating system updates | Installed within 14 days of release; critical security updates within 72 hours |
| Endpoint protection agent | Always running; never disabled or uninstalled |
| Local administrator rights | Not granted by default; temporary elevation through the IT portal for up to 60 minutes |
| Firewall | Enabled |
| Backups | Work files live in company cloud storage, not only on the laptop |
| Refresh cycle | Every 3 years, or earlier if the device fails |

Devices that miss updates for more than 14 days lose access to company applications until they are updated. IT sends
reminders on day 7 and day 12.

## Phones

- You may use your personal phone for company email, chat and the authenticator app if you install the company's
  mobile management profile. It separates work apps from personal apps; IT can wipe only the work profile.
- The phone must run a supported operating system version, have a screen lock of at least 6 digits or biometrics, and
  not be jailbroken or rooted.
- Company phones are issued to people on on-call rotas who prefer not to use a personal phone.

## Personal computers

Personal computers, tablets and shared family computers must never be used to access company systems, except the
web versions of chat and email through the company SSO with no downloads. Customer Data must never be opened on a
personal device.

## Security keys

Each employee receives two hardware security keys. Carry one and store the other securely at home. Keys are personal:
never lend one. Report a lost key within 24 hours to security@quillfeather.example.

## Lost or stolen devices

Report a lost or stolen laptop or phone to the Security on-call phone (+1 555-0199) within 1 hour of noticing,
and file a police report for theft. IT will lock and remotely wipe the device. You will not be charged for a lost
device unless it was lost through gross negligence, such as leaving it unattended in a car overnight.

## Travel with devices

- Keep laptops in your hand luggage; never check them in.
- For travel to countries on the Security team's elevated-risk list, collect a clean loaner laptop and phone from IT
  at least 5 business days before departure. Do not take your usual laptop.
- Use the company VPN on every network outside the office.

## Repairs and returns

Send faulty devices to IT; never to a third-party repair shop, which could access company data. When you leave the
company, return your laptop, security keys, company phone and any monitors issued by IT within 5 business days
of your last working day. Remote employees receive a prepaid return kit.

## Monitors, docks and accessories

Home-office monitors, keyboards and chairs bought with the home-office stipend are yours. Equipment issued by IT
remains company property and is listed in your asset record in the IT portal.

## Compliance

Device compliance is checked automatically every day. Repeated non-compliance is escalated to your manager and may
lead to loss of access and disciplinary action. Exceptions need CISO approval and are time-limited to 90 days.

## Contacts

Device questions: it-help@quillfeather.example or #it-help. Security incidents: security@quillfeather.example,
#security-help, or +1 555-0199.
`,
};
