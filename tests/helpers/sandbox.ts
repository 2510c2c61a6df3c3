/** Calls one of the sandbox's control endpoints (/_sandbox/...) and returns its JSON; any other status throws with the body. */
export async function sandboxControl(sandbox: { url: string }, method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}
