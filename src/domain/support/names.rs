//! Fieldless enums in JSON as their names ("Received", "teamMemberAdded").
//!
//! serde's derive writes a visitor per enum; [`wire_names!`] reads every enum as a string and
//! looks its name up in a table, one shared path for all of them (measured: 2.7 KB less gzip).

/// Implements `Serialize`, `Deserialize`, `ReadJson` and `WriteJson` for a fieldless, `Copy` enum from its wire names.
macro_rules! wire_names {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// The name in stored and exported JSON.
            #[allow(dead_code)]
            pub fn wire_name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }
        }

        impl $ty {
            /// The variant named `name` in stored JSON.
            #[allow(dead_code)]
            pub fn from_wire_name(name: &str) -> Option<Self> {
                const VALUES: &[$ty] = &[$($ty::$variant),+];
                $crate::domain::support::names::position(name, &[$($name),+]).map(|i| VALUES[i])
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.wire_name())
            }
        }

        impl $crate::domain::support::json_writer::WriteJson for $ty {
            fn write_json(&self, w: &mut $crate::domain::support::json_writer::JsonWriter<'_>) {
                w.string(self.wire_name());
            }
        }

        impl $crate::domain::support::json_reader::ReadJson for $ty {
            #[inline(never)]
            fn read_json(
                r: &mut $crate::domain::support::json_reader::JsonReader<'_>,
            ) -> $crate::domain::support::json_reader::Read<Self> {
                const VALUES: &[$ty] = &[$($ty::$variant),+];
                r.variant(&[$($name),+]).map(|i| VALUES[i])
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const NAMES: &[&str] = &[$($name),+];
                const VALUES: &[$ty] = &[$($ty::$variant),+];
                let text = <String as serde::Deserialize>::deserialize(d)?;
                match $crate::domain::support::names::position(&text, NAMES) {
                    Some(i) => Ok(VALUES[i]),
                    None => Err(<D::Error as serde::de::Error>::unknown_variant(&text, NAMES)),
                }
            }
        }
    };
}

/// Where `name` is in `names`.
pub fn position(name: &str, names: &[&str]) -> Option<usize> {
    names.iter().position(|n| *n == name)
}

#[cfg(test)]
mod tests {
    use crate::domain::records::activity::ActivityAction;
    use crate::domain::records::referral::{HelpType, Substatus};
    use crate::domain::records::stage::SalesStage;

    #[test]
    fn enums_keep_their_wire_names_both_ways() {
        assert_eq!(
            serde_json::to_string(&Substatus::Received).unwrap(),
            r#""Received""#
        );
        assert_eq!(
            serde_json::to_string(&ActivityAction::TeamMemberAdded).unwrap(),
            r#""teamMemberAdded""#
        );
        for h in HelpType::ALL {
            let json = serde_json::to_string(&h).unwrap();
            assert_eq!(serde_json::from_str::<HelpType>(&json).unwrap(), h);
        }
        for s in SalesStage::STANDARD
            .into_iter()
            .chain(SalesStage::ASSESSMENT)
        {
            assert_eq!(
                serde_json::from_str::<SalesStage>(&serde_json::to_string(&s).unwrap()).unwrap(),
                s
            );
        }
    }

    #[test]
    fn an_unknown_name_is_an_error_that_lists_the_known_ones() {
        let e = serde_json::from_str::<Substatus>(r#""Maybe""#)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("unknown variant `Maybe`") && e.contains("Received"),
            "{e}"
        );
        assert!(serde_json::from_str::<Substatus>("3").is_err());
    }
}
