import { Case } from "./support";

export const deployCases: Case[] = [];
