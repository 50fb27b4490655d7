import NestModel
import Testing

/// The budget as the cut sheets and the HTML page state it: the iterations a user gave,
/// the time limit, or both — never the internal count of a run that only the clock ends.
struct BudgetTextTests {
    @Test func eachKindOfBudgetInWords() {
        let base = SearchSettings()
        #expect(base.overridden(by: SearchOverrides(iterations: 3000)).budgetText == "3000 optimizer iterations")
        #expect(base.overridden(by: SearchOverrides(timeLimitSeconds: 60)).budgetText == "optimized for up to 60 s")
        #expect(base.overridden(by: SearchOverrides(iterations: 500, timeLimitSeconds: 7.5)).budgetText
                == "500 optimizer iterations within 7.5 s")
        var signalOnly = base
        signalOnly.iterations = .untilStopped
        #expect(signalOnly.budgetText == "optimized until stopped")
    }
}
