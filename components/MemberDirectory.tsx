import { useTranslations } from "next-intl";
import type { GroupDto, MemberDto } from "@/lib/server/processes/dto";
import { GroupBadge, RoleBadge, useGroupName } from "./Badges";

/** Members grouped by stakeholder group — every group shown, even an empty one. */
export function MemberDirectory({ groups, members }: { groups: GroupDto[]; members: MemberDto[] }) {
  const t = useTranslations("process");
  const groupName = useGroupName();
  return (
    <div data-testid="member-directory">
      {groups.map((group) => {
        const inGroup = members.filter((m) => m.groupId === group.id);
        return (
          <section key={group.id} className="group-block" data-testid="group-block" aria-label={groupName(group)}>
            <h3>
              <GroupBadge group={group} />
              <span className="muted small">{t("memberCount", { count: inGroup.length })}</span>
            </h3>
            {inGroup.length === 0 ? (
              <p className="muted small">{t("noMembersInGroup")}</p>
            ) : (
              <ul className="member-list">
                {inGroup.map((m) => (
                  <li key={m.id} data-testid="member">
                    <span className="member-name" dir="auto">
                      {m.name}
                    </span>
                    <span className="small muted" dir="auto">
                      {m.organisation}
                    </span>
                    <span>
                      <RoleBadge role={m.role} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
