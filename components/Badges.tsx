import { useTranslations } from "next-intl";
import type { Role } from "@/lib/domain/roles";

export interface GroupLike {
  key: string | null;
  name: string;
  colour: string;
}

/** A group's display name: built-in groups are translated, custom ones shown as named. */
export function useGroupName() {
  const t = useTranslations("groups");
  return (group: GroupLike) =>
    group.key && ["government", "private_sector", "civil_society"].includes(group.key)
      ? t(group.key as "government")
      : group.name;
}

export function GroupBadge({ group }: { group: GroupLike }) {
  const groupName = useGroupName();
  return (
    <span className="badge badge--group" style={{ background: group.colour }} data-testid="group-badge">
      {groupName(group)}
    </span>
  );
}

export function RoleBadge({ role }: { role: Role }) {
  const t = useTranslations("roles");
  return (
    <span className="badge badge--role" data-testid="role-badge">
      {t(role)}
    </span>
  );
}
