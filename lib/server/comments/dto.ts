import type { GroupDto } from "../processes/dto";

export interface CommentDto {
  id: string;
  authorId: string;
  authorName: string;
  authorOrganisation: string;
  group: GroupDto;
  /** Null when deleted, or hidden and the viewer is not the convenor. */
  body: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hidden: { at: string; reason: string } | null;
  /** Earlier wordings, oldest first — convenor only. */
  history?: Array<{ body: string; at: string }>;
}

export interface ThreadDto {
  id: string;
  clauseId: string;
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  status: "open" | "resolved";
  createdById: string;
  createdAt: string;
  resolvedAt: string | null;
  comments: CommentDto[];
}
