import { Alert, type AlertProps } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";

type Props = Omit<AlertProps, "color" | "variant" | "icon"> & { "data-testid"?: string };

/** The one look for "that did not work": red, light, and announced to screen readers. */
export function ErrorAlert(props: Props) {
  return <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" {...props} />;
}
