import { stackPolicy } from "../lib/policy";
import { isSet, rawAt } from "../lib/props";

/** A stack with a database must be able to wake someone: an alarm wired to a notification target. */
export const policy = stackPolicy({
    name: "stack-alerting-configured",
    description: "A stack with a database must be able to wake someone; add an enabled CloudWatch MetricAlarm with alarmActions, or a Cloud Monitoring AlertPolicy with notificationChannels.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const dbs = resources.filter((r) => r.type === "aws:rds/instance:Instance" || r.type === "gcp:sql/databaseInstance:DatabaseInstance");
        if (dbs.length === 0) {
            return [];
        }
        const aws = resources.some((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm"
            && isSet(r.props, "alarmActions") && rawAt(r.props, "actionsEnabled") !== false);
        const gcp = resources.some((r) => r.type === "gcp:monitoring/alertPolicy:AlertPolicy"
            && isSet(r.props, "notificationChannels") && rawAt(r.props, "enabled") !== false);
        return aws || gcp ? [] : dbs.map((db) => ({ urn: db.urn, message: `nothing alerts anyone about ${db.name} or the stack.` }));
    },
});
