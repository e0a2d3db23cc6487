//! Flattens any serializable value into `(path, text)` leaves, e.g.
//! `("details.dealValue", "120000")`, for the activity diff. A small serde `Serializer`
//! instead of `serde_json::Value`, which would add a whole JSON tree to the wasm.

use serde::ser::{self, Serialize};

/// The leaves of `value`, in field order. Lists are one leaf: their items' names (or
/// texts) joined with ", ".
pub fn flatten<T: Serialize + ?Sized>(value: &T) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let _ = value.serialize(Flat {
        path: String::new(),
        out: &mut out,
    });
    out
}

#[derive(Debug)]
pub struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unsupported value")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

struct Flat<'a> {
    path: String,
    out: &'a mut Vec<(String, String)>,
}

impl Flat<'_> {
    fn leaf(self, text: String) -> Result<(), Unsupported> {
        self.out.push((self.path, text));
        Ok(())
    }

    fn child(&self, key: &str) -> String {
        if self.path.is_empty() {
            return key.to_string();
        }
        // Not `format!`: a new deal's history entry names each of its fields.
        let mut path = String::with_capacity(self.path.len() + 1 + key.len());
        path.push_str(&self.path);
        path.push('.');
        path.push_str(key);
        path
    }
}

macro_rules! leaf_display {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, v: $t) -> Result<(), Unsupported> { self.leaf(v.to_string()) })*
    };
}

impl<'a> ser::Serializer for Flat<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = List<'a>;
    type SerializeTuple = List<'a>;
    type SerializeTupleStruct = List<'a>;
    type SerializeTupleVariant = List<'a>;
    type SerializeMap = Fields<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Fields<'a>;

    leaf_display!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_char: char, serialize_str: &str);

    // Floats as JSON writes them: reuses serde_json's float printer, already in the wasm,
    // instead of adding core's.
    fn serialize_f32(self, v: f32) -> Result<(), Unsupported> {
        self.serialize_f64(v as f64)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        self.leaf(serde_json::to_string(&v).unwrap_or_default())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.leaf(String::new())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.leaf(String::new())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.leaf(String::new())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.leaf(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        let path = self.child(variant);
        value.serialize(Flat {
            path,
            out: self.out,
        })
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<List<'a>, Unsupported> {
        Ok(List {
            flat: self,
            items: Vec::new(),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<List<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<List<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        len: usize,
    ) -> Result<List<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'a>, Unsupported> {
        Ok(Fields {
            flat: self,
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'a>, Unsupported> {
        Ok(Fields {
            flat: self,
            key: None,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Fields<'a>, Unsupported> {
        let path = self.child(variant);
        Ok(Fields {
            flat: Flat {
                path,
                out: self.out,
            },
            key: None,
        })
    }
}

/// A list: each item flattened on its own, shown by its `name` leaf or its texts.
pub struct List<'a> {
    flat: Flat<'a>,
    items: Vec<String>,
}

impl List<'_> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        let leaves = flatten(value);
        let text = leaves
            .iter()
            .find(|(k, _)| k == "name")
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| {
                leaves
                    .iter()
                    .map(|(_, v)| v.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            });
        self.items.push(text);
        Ok(())
    }

    fn done(self) -> Result<(), Unsupported> {
        let text = self.items.join(", ");
        self.flat.leaf(text)
    }
}

macro_rules! list_impl {
    ($trait:ident, $method:ident) => {
        impl ser::$trait for List<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
                self.push(value)
            }
            fn end(self) -> Result<(), Unsupported> {
                self.done()
            }
        }
    };
}
list_impl!(SerializeSeq, serialize_element);
list_impl!(SerializeTuple, serialize_element);
list_impl!(SerializeTupleStruct, serialize_field);
list_impl!(SerializeTupleVariant, serialize_field);

/// A struct or map: each field under `path.field`.
pub struct Fields<'a> {
    flat: Flat<'a>,
    key: Option<String>,
}

impl Fields<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Unsupported> {
        let path = self.flat.child(key);
        value.serialize(Flat {
            path,
            out: self.flat.out,
        })
    }
}

macro_rules! fields_impl {
    ($trait:ident) => {
        impl ser::$trait for Fields<'_> {
            type Ok = ();
            type Error = Unsupported;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Unsupported> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Unsupported> {
                Ok(())
            }
        }
    };
}
fields_impl!(SerializeStruct);
fields_impl!(SerializeStructVariant);

impl ser::SerializeMap for Fields<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        let leaves = flatten(key);
        self.key = Some(
            leaves
                .into_iter()
                .map(|(_, v)| v)
                .collect::<Vec<_>>()
                .join(" "),
        );
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        let key = self.key.take().unwrap_or_default();
        self.field(&key, value)
    }
    fn end(self) -> Result<(), Unsupported> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Inner {
        deal_value: f64,
        when: Option<u8>,
    }

    #[derive(serde::Serialize)]
    enum Kind {
        Plain,
        Tagged { x: u8 },
        Wrapped(u8),
    }

    #[derive(serde::Serialize)]
    struct Person {
        name: String,
        email: String,
    }

    #[derive(serde::Serialize)]
    struct Outer {
        name: &'static str,
        details: Inner,
        kinds: (Kind, Kind, Kind),
        team: Vec<Person>,
        tags: Vec<&'static str>,
        map: BTreeMap<&'static str, u8>,
    }

    #[test]
    fn every_leaf_has_its_dotted_path_and_lists_show_names() {
        let v = Outer {
            name: "Deal",
            details: Inner {
                deal_value: 1.5,
                when: None,
            },
            kinds: (Kind::Plain, Kind::Tagged { x: 1 }, Kind::Wrapped(2)),
            team: vec![
                Person {
                    name: "Lena".into(),
                    email: "l@x".into(),
                },
                Person {
                    name: "Jonas".into(),
                    email: "j@x".into(),
                },
            ],
            tags: vec!["a", "b"],
            map: BTreeMap::from([("k", 7)]),
        };
        assert_eq!(
            flatten(&v),
            [
                ("name".to_string(), "Deal".to_string()),
                ("details.dealValue".into(), "1.5".into()),
                ("details.when".into(), "".into()),
                ("kinds".into(), "Plain, 1, 2".into()),
                ("team".into(), "Lena, Jonas".into()),
                ("tags".into(), "a, b".into()),
                ("map.k".into(), "7".into()),
            ]
        );
        assert!(flatten(&serde_bytes_like()).is_empty());
    }

    struct Bytes;
    impl serde::Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(b"x")
        }
    }
    fn serde_bytes_like() -> Bytes {
        Bytes
    }
}
