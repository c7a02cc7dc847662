export default function HomePage() {
  return (
    <main>
      <h1>Groundwork</h1>
      <p>Ask questions of your company&apos;s policies, contracts and documentation — every answer cites the passage it came from.</p>
    </main>
  );
}
