import { Group, Table, Text } from "@mantine/core";
import type { UserSummary } from "../bindings/UserSummary";
import { RoleBadges } from "../components/RoleBadges";

type Props = { users: UserSummary[]; highlightId: number | null };

export function StaffTable({ users, highlightId }: Props) {
  return (
    <Table stickyHeader stickyHeaderOffset="var(--app-shell-header-height, 0px)" aria-label="Staff">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th w={240}>User name</Table.Th>
          <Table.Th w={300}>Roles</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody data-testid="staff-table">
        {users.map((user) => (
          <Table.Tr
            key={user.id}
            data-testid="staff-row"
            data-user-id={user.id}
            bg={user.id === highlightId ? "var(--mantine-primary-color-light)" : undefined}
          >
            <Table.Td>
              <Text span fz="sm" fw={500}>
                {user.display_name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text span fz="sm" c="dimmed">
                {user.username}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap={6}>
                <RoleBadges roles={user.roles} testId="staff-role" />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
