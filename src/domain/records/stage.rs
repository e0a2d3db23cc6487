//! Sales stages and their percentages (SPEC §6).

use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

/// A sales stage of a deal, or a stage of a solution assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SalesStage {
    /// Outbound deal created.
    Created,
    /// Inbound deal accepted.
    Accepted,
    Qualified,
    Developed,
    Proposed,
    Negotiated,
    AssessmentPlanned,
    DataCollected,
    AnalysisDone,
    ReportDelivered,
    Won,
}

wire_names!(SalesStage {
    Created => "Created",
    Accepted => "Accepted",
    Qualified => "Qualified",
    Developed => "Developed",
    Proposed => "Proposed",
    Negotiated => "Negotiated",
    AssessmentPlanned => "AssessmentPlanned",
    DataCollected => "DataCollected",
    AnalysisDone => "AnalysisDone",
    ReportDelivered => "ReportDelivered",
    Won => "Won",
});

impl SalesStage {
    /// The standard stages in order (Created and Accepted both start at 10 %).
    pub const STANDARD: [SalesStage; 7] = [
        SalesStage::Created,
        SalesStage::Accepted,
        SalesStage::Qualified,
        SalesStage::Developed,
        SalesStage::Proposed,
        SalesStage::Negotiated,
        SalesStage::Won,
    ];

    /// The stages of a solution assessment, kept as data by this product.
    pub const ASSESSMENT: [SalesStage; 5] = [
        SalesStage::AssessmentPlanned,
        SalesStage::DataCollected,
        SalesStage::AnalysisDone,
        SalesStage::ReportDelivered,
        SalesStage::Won,
    ];

    pub fn percent(self) -> u8 {
        match self {
            SalesStage::Created | SalesStage::Accepted => 10,
            SalesStage::Qualified | SalesStage::AssessmentPlanned => 20,
            SalesStage::Developed | SalesStage::DataCollected => 40,
            SalesStage::Proposed | SalesStage::AnalysisDone => 60,
            SalesStage::Negotiated | SalesStage::ReportDelivered => 80,
            SalesStage::Won => 100,
        }
    }

    pub fn text(self) -> Text {
        match self {
            SalesStage::Created => Text::StageCreated,
            SalesStage::Accepted => Text::StatusAccepted,
            SalesStage::Qualified => Text::StageQualified,
            SalesStage::Developed => Text::StageDeveloped,
            SalesStage::Proposed => Text::StageProposed,
            SalesStage::Negotiated => Text::StageNegotiated,
            SalesStage::AssessmentPlanned => Text::StageAssessmentPlanned,
            SalesStage::DataCollected => Text::StageDataCollected,
            SalesStage::AnalysisDone => Text::StageAnalysisDone,
            SalesStage::ReportDelivered => Text::StageReportDelivered,
            SalesStage::Won => Text::StatusWon,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }

    /// Whether this is one of the solution assessment stages.
    pub fn is_assessment(self) -> bool {
        matches!(
            self,
            SalesStage::AssessmentPlanned
                | SalesStage::DataCollected
                | SalesStage::AnalysisDone
                | SalesStage::ReportDelivered
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_follow_the_spec_table() {
        let standard: Vec<u8> = SalesStage::STANDARD.iter().map(|s| s.percent()).collect();
        assert_eq!(standard, [10, 10, 20, 40, 60, 80, 100]);
        let assessment: Vec<u8> = SalesStage::ASSESSMENT.iter().map(|s| s.percent()).collect();
        assert_eq!(assessment, [20, 40, 60, 80, 100]);
    }

    #[test]
    fn only_the_four_assessment_steps_are_assessment_stages() {
        assert!(SalesStage::DataCollected.is_assessment());
        assert!(!SalesStage::Won.is_assessment());
        assert!(!SalesStage::Qualified.is_assessment());
    }
}
