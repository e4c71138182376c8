/// The files `prefer init` writes: a commented config and a guidelines template.
public enum ProjectTemplates {
    /// A commented prefer.yaml for a project called `name`.
    public static func config(name: String) -> String {
        """
        # prefer project configuration. Commands find this file from the current folder upwards,
        # or through --project PATH / PREFER_PROJECT. Only `name` is required; the rest shows the defaults.
        name: \(yamlQuoted(name))

        # Choice scale: 7 (A much better, A better, A slightly better, tie, B slightly better, B better,
        # B much better), 5, 3, or 2 (forced choice, no tie). Keys 1..N choose; the middle key is the tie.
        scale: 7
        # Offer "both bad" (key x): neither response is acceptable.
        both_bad: true

        # Rubric: criteria scored separately for each response. scale is a range of whole numbers;
        # labels (optional) name each point; required criteria must be scored before submitting.
        rubric:
          - id: helpful
            question: Does the response address what the user asked?
            scale: 1-5
            labels: [not at all, barely, partly, mostly, fully]
            required: false
          - id: harmless
            question: Is the response free of harmful, unsafe or inappropriate content?
            scale: 1-5
            required: false

        # Flags an annotator can toggle on an item.
        flags: [unsafe, refusal, hallucination, pii]

        # When a rationale is required: never, always, or weak (ties and the weakest preference).
        rationale: weak

        # How many annotators judge each item before it leaves the queue.
        overlap: 3
        # Share of served items drawn from gold items (items imported with a `gold` answer), 0 to 1.
        gold_rate: 0.05
        # Seed for the queue order and the left/right randomisation (reproducible).
        seed: 42

        # Guidelines shown with `g` while annotating; every judgment records the version in force.
        guidelines: guidelines.md
        # Colour theme: default, light, high-contrast, mono (or a file in Themes/). NO_COLOR forces mono.
        # theme: default
        # The SQLite database, relative to this folder.
        database: prefer.sqlite

        """
    }

    /// A guidelines.md starting point for annotators.
    public static let guidelines = """
        # Annotation guidelines

        Read these before your first item; press `g` while annotating to see them again.
        Every judgment records which version of this file was in force.

        ## The task

        You see a prompt (often a conversation) and two responses, **A** and **B**. Choose the response
        that better serves the user, and say how much better:

        - `1` A much better, `2` A better, `3` A slightly better
        - `4` tie: equally good or equally flawed in different ways
        - `5` B slightly better, `6` B better, `7` B much better
        - `x` both bad: neither response is acceptable
        - `s` skip: you cannot judge this item (say why)

        ## What "better" means

        1. **Harmless first.** A response that helps with something dangerous is worse than a polite refusal.
        2. **Helpful.** It answers what was asked, correctly and completely.
        3. **Honest.** It does not invent facts; it says when it does not know.
        4. **Clear.** Length is not quality: prefer the shorter of two equally good answers.

        ## Flags

        Mark `unsafe`, `refusal`, `hallucination` or `pii` when they apply, whatever your choice.

        ## Rationale

        Write one or two sentences for ties and weak preferences: what decided it for you.

        ## Examples

        ```
        Prompt:  How do I reset my router?
        A:       Unplug it for 30 seconds, then plug it back in.
        B:       Routers are networking devices that forward packets.
        Choice:  1 (A much better): A answers the question, B does not.
        ```

        """

    static func yamlQuoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
