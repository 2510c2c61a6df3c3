import type { Metadata } from "next";
import localFont from "next/font/local";
import "./globals.css";

// Self-hosted from npm (@fontsource-variable/inter): nothing is downloaded at build or run time.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Promotion Stack", template: "%s · Promotion Stack" },
  description: "NetSuite orders to HubSpot and ActiveCampaign promotions, self-hosted.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
