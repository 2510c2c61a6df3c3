/** A customer as both promotion tables show them: the name, with the email beneath when there is one. */
export function CustomerName({ name, email }: { name: string | null | undefined; email: string }) {
  return (
    <>
      <span className="block font-medium text-slate-800">{name || email}</span>
      {name ? <span className="block break-all text-xs text-slate-500">{email}</span> : null}
    </>
  );
}
