import type { Role } from "@/lib/domain/roles";

export interface GroupDto {
  id: string;
  /** Built-in groups have a key and are shown translated; custom groups by name. */
  key: string | null;
  name: string;
  colour: string;
}

export interface MemberDto {
  id: string;
  userId: string;
  name: string;
  organisation: string;
  role: Role;
  groupId: string;
}

export function toGroupDto(g: { id: string; key: string | null; name: string; colour: string }): GroupDto {
  return { id: g.id, key: g.key, name: g.name, colour: g.colour };
}
