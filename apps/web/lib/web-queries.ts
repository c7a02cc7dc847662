import { and, arrayOverlaps, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import { chunks, conversations, documents, feedback, groups, memberships, messages, sources, users } from "@groundwork/db/schema";
import { withReaderScope } from "@groundwork/access/reader-scope";
import { mimeKind } from "./mime-kinds";

/**
 * Server-side reads the pages need that are not retrieval or ingestion operations. Anything a
 * non-admin sees is read under the RLS reader scope AND with the ACL predicate in the SQL.
 */

export type LookupFacets = { sources: { id: string; name: string }[]; types: string[]; tags: string[] };

/** Filter choices for policy lookup, computed only over documents the caller may read. */
export async function listLookupFacets({ db, principal }: { db: Database; principal: Principal }): Promise<LookupFacets> {
  return withReaderScope({
    db,
    scope: { principals: principal.principals, isAdmin: principal.isAdmin },
    fn: async (tx) => {
      const visible = and(eq(documents.status, "active"), principal.isAdmin ? undefined : arrayOverlaps(documents.acl, principal.principals));
      const srcRows = await tx
        .selectDistinct({ id: sources.id, name: sources.name })
        .from(documents)
        .innerJoin(sources, eq(sources.id, documents.sourceId))
        .where(visible)
        .orderBy(asc(sources.name));
      const mimeRows = await tx.selectDistinct({ mime: documents.mime }).from(documents).where(visible);
      const tagRows = await tx
        .selectDistinct({ tag: sql<string>`unnest(${documents.tags})` })
        .from(documents)
        .where(visible);
      return {
        sources: srcRows,
        types: [...new Set(mimeRows.map((r) => mimeKind(r.mime)))].sort(),
        tags: tagRows.map((r) => r.tag).sort(),
      };
    },
  });
}

export async function listUsersWithGroups({ db }: { db: Database }) {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      disabled: users.disabled,
      sso: sql<boolean>`${users.oidcSubject} is not null`,
      groups: sql<string[]>`coalesce(array_agg(${groups.name} order by ${groups.name}) filter (where ${groups.name} is not null), '{}')`,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(groups, eq(groups.id, memberships.groupId))
    .groupBy(users.id)
    .orderBy(asc(users.username));
  return rows;
}

export async function listGroupsWithCounts({ db }: { db: Database }) {
  return db
    .select({ id: groups.id, name: groups.name, description: groups.description, members: count(memberships.userId) })
    .from(groups)
    .leftJoin(memberships, eq(memberships.groupId, groups.id))
    .groupBy(groups.id)
    .orderBy(asc(groups.name));
}

export async function listDocumentsForAdmin({ db, status, sourceId, limit = 200 }: { db: Database; status?: "active" | "superseded" | "deleted"; sourceId?: string; limit?: number }) {
  return db
    .select({
      id: documents.id,
      title: documents.title,
      path: documents.path,
      mime: documents.mime,
      version: documents.version,
      status: documents.status,
      acl: documents.acl,
      tags: documents.tags,
      effectiveDate: documents.effectiveDate,
      updatedAt: documents.updatedAt,
      sourceId: documents.sourceId,
      sourceName: sources.name,
    })
    .from(documents)
    .innerJoin(sources, eq(sources.id, documents.sourceId))
    .where(and(status ? eq(documents.status, status) : undefined, sourceId ? eq(documents.sourceId, sourceId) : undefined))
    .orderBy(asc(sources.name), asc(documents.path), desc(documents.version))
    .limit(limit);
}

export async function listFeedbackForReview({ db, limit = 200 }: { db: Database; limit?: number }) {
  return db
    .select({
      id: feedback.id,
      rating: feedback.rating,
      comment: feedback.comment,
      createdAt: feedback.createdAt,
      username: users.username,
      messageId: messages.id,
      answer: messages.content,
      mode: messages.mode,
      conversationId: conversations.id,
      conversationTitle: conversations.title,
      question: sql<string | null>`(select m2.content from ${messages} m2 where m2.conversation_id = ${messages.conversationId} and m2.role = 'user' and m2.created_at <= ${messages.createdAt} order by m2.created_at desc limit 1)`,
    })
    .from(feedback)
    .innerJoin(messages, eq(messages.id, feedback.messageId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(users, eq(users.id, feedback.userId))
    .orderBy(desc(feedback.createdAt))
    .limit(limit);
}

export type ChunkSpan = { id: string; charStart: number; charEnd: number; pageFrom: number | null; pageTo: number | null; headings: string[] };

/** Chunk offsets of one readable document (for page markers and `?chunk=` links), ACL-checked. */
export async function listChunkSpans({ db, principal, documentId }: { db: Database; principal: Principal; documentId: string }): Promise<ChunkSpan[]> {
  return withReaderScope({
    db,
    scope: { principals: principal.principals, isAdmin: principal.isAdmin },
    fn: async (tx) => {
      return tx
        .select({ id: chunks.id, charStart: chunks.charStart, charEnd: chunks.charEnd, pageFrom: chunks.pageFrom, pageTo: chunks.pageTo, headings: chunks.headings })
        .from(chunks)
        .where(and(eq(chunks.documentId, documentId), principal.isAdmin ? undefined : arrayOverlaps(chunks.acl, principal.principals)))
        .orderBy(asc(chunks.ordinal));
    },
  });
}
