export function combineHeaderRows(parent, child) {
    const width = Math.max(parent.length, child.length);
    const headers = [];
    const fallback = [];
    let group = '';
    for (let j = 0; j < width; j++) {
        const upper = (parent[j] ?? '').trim();
        const lower = (child[j] ?? '').trim();
        if (upper)
            group = lower ? upper : ''; // a parent with nothing below is merged downwards
        else if (!lower)
            group = '';
        if (upper && !lower) {
            headers.push(upper);
            fallback.push(undefined);
        }
        else if (lower && group) {
            headers.push(group + lower);
            fallback.push(lower);
        }
        else {
            headers.push(lower);
            fallback.push(undefined);
        }
    }
    return { headers, fallback };
}
//# sourceMappingURL=header-two-row.js.map