import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
/**
 * Parse one YAML file and validate it, turning every YAML and schema problem into a
 * ConfigProblem naming the file and key, so the user sees all of them at once.
 */
export function readYamlFile(absPath, displayName, schema, problems) {
    let text;
    try {
        text = readFileSync(absPath, 'utf8');
    }
    catch (error) {
        problems.push({ file: displayName, path: '', message: `cannot read: ${error.message}` });
        return undefined;
    }
    const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: true });
    if (doc.errors.length > 0) {
        for (const e of doc.errors)
            problems.push({ file: displayName, path: '', message: `YAML: ${e.message.split('\n')[0]}` });
        return undefined;
    }
    const value = doc.toJS() ?? {};
    return validate(value, displayName, schema, problems);
}
export function validate(value, displayName, schema, problems, pathPrefix = '') {
    const result = schema.safeParse(value);
    if (result.success)
        return result.data;
    for (const issue of result.error.issues) {
        const keyPath = [pathPrefix, ...issue.path.map(String)].filter(Boolean).join('.');
        problems.push({ file: displayName, path: keyPath, message: issueMessage(issue) });
    }
    return undefined;
}
function issueMessage(issue) {
    if (issue.code === 'unrecognized_keys')
        return `unknown key(s): ${issue.keys.join(', ')}`;
    if (issue.code === 'invalid_type' && issue.input === undefined)
        return 'required';
    return issue.message;
}
//# sourceMappingURL=read-yaml.js.map