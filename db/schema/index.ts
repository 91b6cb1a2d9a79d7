export * from "./accounts";
export * from "./system";
export * from "./sla";
export * from "./licensing";
export * from "./billing";
export * from "./tickets";
export * from "./time-tracking";
export * from "./quality";
export * from "./reports";
export * from "./imports";
export * from "./billing-documents";
export * from "./files";
export * from "./security";
export * from "./mail";

export * from "./knowledge";
export * from "./notifications";
export * from "./services";
