import { NextResponse } from "next/server";
import { auth } from "@/lib/auth/config";

// Routes that answer without a session: sign-in pages, Auth.js itself, Inngest (it verifies its own
// signatures), the health check and static assets.
const publicPaths = [/^\/sign-(in|up)$/, /^\/api\/auth\//, /^\/api\/inngest$/, /^\/api\/health$/];

export const proxy = auth((request) => {
  const { pathname } = request.nextUrl;
  if (publicPaths.some((pattern) => pattern.test(pathname)) || request.auth?.user) return NextResponse.next();
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "Not signed in" }, { status: 401 });
  }
  const signIn = new URL("/sign-in", request.nextUrl.origin);
  if (pathname !== "/") signIn.searchParams.set("next", pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|woff2)$).*)"],
};
