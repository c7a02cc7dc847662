export function FormStatus({ error, message }: { error: string | null; message: string | null }) {
  if (error)
    return (
      <p role="alert" className="error small">
        {error}
      </p>
    );
  return (
    <p role="status" className="muted small">
      {message ?? ""}
    </p>
  );
}
