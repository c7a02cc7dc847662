import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Groundwork", template: "%s · Groundwork" },
  description: "Answers from your company's own documents, with citations.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request renders every page per request: the CSP nonce (proxy.ts) exists only
  // then, and a prerendered page's scripts, without it, would be blocked. Next stamps the nonce
  // on its own scripts from the request's CSP header; a <Script> of ours would take `nonce`.
  await headers();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
