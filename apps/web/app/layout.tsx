import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { parseTheme, THEME_COOKIE } from "~/lib/client/theme";
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
  // The reader's theme choice is on the page as it is served, so a dark page never flashes light.
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
