export * from "./accounts";
export * from "./system";
export * from "./sla";
export * from "./licensing";
export * from "./billing";
export * from "./tickets";
export * from "./time-tracking";
export * from "./quality";
