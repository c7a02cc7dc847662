/**
 * History groups by when a conversation was last active, in the reader's own calendar (local
 * midnight, not UTC): Today, Yesterday, Previous 7 days, Previous 30 days, then one group per month.
 */
export type DatedConversation = { id: string; title: string; updatedAt: string };
export type ConversationGroup<T extends DatedConversation> = { label: string; items: T[] };

const DAY = 24 * 60 * 60 * 1000;

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

export function groupLabel({ updatedAt, now }: { updatedAt: Date; now: Date }): string {
  const today = startOfDay(now);
  const day = startOfDay(updatedAt);
  if (day >= today) return "Today";
  if (day >= today - DAY) return "Yesterday";
  if (day >= today - 7 * DAY) return "Previous 7 days";
  if (day >= today - 30 * DAY) return "Previous 30 days";
  return updatedAt.toLocaleDateString("en", {
    month: "long",
    year: updatedAt.getFullYear() === now.getFullYear() ? undefined : "numeric",
  });
}

/** Groups in the order given (the API lists most recent first), each label once. */
export function groupConversations<T extends DatedConversation>({
  conversations,
  now,
}: {
  conversations: T[];
  now: Date;
}): ConversationGroup<T>[] {
  const groups: ConversationGroup<T>[] = [];
  for (const c of conversations) {
    const label = groupLabel({ updatedAt: new Date(c.updatedAt), now });
    const last = groups.at(-1);
    if (last?.label === label) last.items.push(c);
    else groups.push({ label, items: [c] });
  }
  return groups;
}
