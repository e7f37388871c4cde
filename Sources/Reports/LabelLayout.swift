/// Text labels of a timeline placed so that no two overlap: each label tries its candidate
/// baselines in order and takes the first where its box (estimated from the text at the 10px
/// font) meets no box placed before; a label with no free candidate is left out (its mark keeps
/// the details in its hover title, and the alarm table lists every alarm).
struct LabelLayout {
    /// A label's box in SVG coordinates.
    struct Box: Hashable {
        var x0: Double, y0: Double, x1: Double, y1: Double

        func meets(_ other: Box) -> Bool {
            x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1
        }
    }

    enum Anchor { case start, middle, end }

    /// Above the baseline (ascent) and below it (descent) at the 10px font, with a pixel to spare.
    static let ascent = 9.0
    static let descent = 3.0
    /// From one row of labels to the next.
    static let rowStep = ascent + descent

    private(set) var boxes: [Box]
    /// The horizontal room labels must stay inside.
    let minX: Double
    let maxX: Double

    init(minX: Double, maxX: Double, reserved: [Box] = []) {
        self.minX = minX; self.maxX = maxX; boxes = reserved
    }

    /// The box of `text` drawn at (`x`, `baseline`) with the given anchor; `bold` text is wider.
    static func box(_ text: String, x: Double, baseline: Double, anchor: Anchor, bold: Bool = false) -> Box {
        let width = TimeScale.textWidth(text) * (bold ? 1.1 : 1) + 2
        let x0 =
            switch anchor {
            case .start: x - 1
            case .middle: x - width / 2
            case .end: x - width + 1
            }
        return Box(x0: x0, y0: baseline - ascent, x1: x0 + width, y1: baseline + descent)
    }

    /// Places `text` at the first free baseline; returns where to draw it (the anchor's x may have
    /// moved inward so the label stays inside `minX…maxX`), or nil when no candidate is free.
    mutating func place(_ text: String, x: Double, anchor: Anchor, baselines: [Double], bold: Bool = false)
        -> (x: Double, y: Double)?
    {
        place(text, candidates: baselines.map { (x, $0) }, anchor: anchor, bold: bold)
    }

    /// Places `text` at the first free candidate position (anchor x, baseline); nil when none is.
    mutating func place(_ text: String, candidates: [(x: Double, y: Double)], anchor: Anchor, bold: Bool = false)
        -> (x: Double, y: Double)?
    {
        for (x, y) in candidates {
            var box = Self.box(text, x: x, baseline: y, anchor: anchor, bold: bold)
            let shift = box.x0 < minX ? minX - box.x0 : box.x1 > maxX ? maxX - box.x1 : 0
            box.x0 += shift; box.x1 += shift
            if !boxes.contains(where: { $0.meets(box) }) {
                boxes.append(box)
                return (x + shift, y)
            }
        }
        return nil
    }

    /// `count` rows from `first`, one `rowStep` apart (`step` negative: upwards).
    static func rows(from first: Double, count: Int, step: Double = rowStep) -> [Double] {
        (0..<max(0, count)).map { first + Double($0) * step }
    }
}
