import { openDatabase } from "@groundwork/db/client";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { seedDocument } from "./src/testing/seed-documents";
const h = await openDatabase({ own: "if-absent" });
await seedDemoUsers({ db: h.db });
await seedDocument({ db: h.db, doc: { source: "policies", path: "refunds.md", title: "Refund policy", acl: ["group:everyone"], chunks: [{ text: "Customers may request a refund within 30 days of purchase.", headings: ["Refund policy", "Eligibility"], pageFrom: 1, pageTo: 1 }] } });
await seedDocument({ db: h.db, doc: { source: "hr", path: "leave.md", title: "Parental leave", acl: ["group:hr"], chunks: [{ text: "Parental leave policy: sixteen weeks paid; refund of unused days is not possible." }] } });
await h.close();
