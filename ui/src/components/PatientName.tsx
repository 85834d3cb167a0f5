import type { ReactNode } from "react";

type Props = { children: ReactNode; "data-testid"?: string };

/**
 * Wraps every patient name on screen. Privacy mode (Ctrl+Shift+P) blurs whatever carries the
 * `patient-name` class, so a name shown without this component stays readable from the
 * waiting room: use it wherever a patient's name is rendered.
 */
export function PatientName({ children, ...rest }: Props) {
  return (
    <span className="patient-name" data-testid={rest["data-testid"]}>
      {children}
    </span>
  );
}

/** For inputs that hold a patient's name (edit forms): pass as `classNames`. */
export const PATIENT_NAME_INPUT = { input: "patient-name" } as const;
