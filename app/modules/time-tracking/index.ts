export * from "./allowance";
export * from "./calendar";
export * from "./contract";
export * from "./manual-entry";
export * from "./money";
export * from "./month-summary";
export * from "./statement-csv";
export * from "./timer";
