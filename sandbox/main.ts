// `npm run sandbox`: the sandbox on SANDBOX_PORT (default 4010) with demo data loaded.
import { startSandbox } from "./server";

const port = Number(process.env.SANDBOX_PORT ?? 4010);
const sandbox = await startSandbox({ port, host: "127.0.0.1" });

if (process.env.SANDBOX_DEMO !== "false") {
  const res = await fetch(`${sandbox.url}/_sandbox/demo-data`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (!res.ok) throw new Error(`loading demo data failed: ${res.status} ${await res.text()}`);
}
console.log(`sandbox listening on ${sandbox.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    sandbox.close().then(() => process.exit(0));
  });
}
